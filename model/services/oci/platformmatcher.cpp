#include "oci/platformmatcher.h"

namespace strata {

namespace {

int variantNumber(const QString &variant)
{
    bool ok = false;
    const int n = QStringView(variant).mid(variant.startsWith(QLatin1Char('v')) ? 1 : 0).toInt(&ok);
    return ok ? n : -1;
}

Platform withArch(const Platform &p, const QString &arch, const QString &variant)
{
    Platform out = p;
    out.architecture = arch;
    out.variant = variant;
    return out;
}

void appendArmFallbacks(QList<Platform> &out, const Platform &base, int from)
{
    for (int v = from; v >= 5; --v)
        out.append(withArch(base, QStringLiteral("arm"), QStringLiteral("v%1").arg(v)));
}

// The 4th component of a Windows os.version is the revision (update level).
int revision(const QString &osVersion)
{
    const QStringList parts = osVersion.split(QLatin1Char('.'));
    return parts.size() < 4 ? 0 : parts[3].toInt();
}

} // namespace

PlatformMatcher::PlatformMatcher(const Platform &target) : m_target(target.normalized())
{
    m_accepted.append(m_target);
    const QString &arch = m_target.architecture;
    const int variant = variantNumber(m_target.variant);
    if (arch == QLatin1String("amd64")) {
        for (int v = variant - 1; v >= 1; --v)
            m_accepted.append(withArch(m_target, arch, v == 1 ? QString() : QStringLiteral("v%1").arg(v)));
        m_accepted.append(withArch(m_target, QStringLiteral("386"), QString()));
    } else if (arch == QLatin1String("arm")) {
        appendArmFallbacks(m_accepted, m_target, variant - 1);
    } else if (arch == QLatin1String("arm64")) {
        appendArmFallbacks(m_accepted, m_target, variant > 0 ? variant : 8);
    }
    if (m_target.os == QLatin1String("windows")) {
        const QStringList parts = m_target.osVersion.split(QLatin1Char('.'), Qt::SkipEmptyParts);
        if (parts.size() >= 3)
            m_osVersionPrefix = parts.mid(0, 3).join(QLatin1Char('.'));
    }
}

PlatformMatcher PlatformMatcher::host()
{
    return PlatformMatcher(Platform::host());
}

bool PlatformMatcher::osVersionMatches(const Platform &candidate) const
{
    if (m_osVersionPrefix.isEmpty() || candidate.osVersion.isEmpty())
        return true;
    // Compare whole components: 10.0.2034 is not a prefix of 10.0.20348.
    return candidate.osVersion == m_osVersionPrefix
        || candidate.osVersion.startsWith(m_osVersionPrefix + QLatin1Char('.'));
}

int PlatformMatcher::rank(const Platform &candidate) const
{
    const Platform c = candidate.normalized();
    for (int i = 0; i < m_accepted.size(); ++i) {
        const Platform &a = m_accepted[i];
        if (a.os == c.os && a.architecture == c.architecture && a.variant == c.variant)
            return osVersionMatches(c) ? i : -1;
    }
    return -1;
}

bool PlatformMatcher::matches(const Platform &candidate) const
{
    return rank(candidate) >= 0;
}

bool PlatformMatcher::less(const Platform &a, const Platform &b) const
{
    const int ra = rank(a);
    const int rb = rank(b);
    if (ra < 0)
        return false;
    if (rb < 0 || ra != rb)
        return rb < 0 || ra < rb;
    return revision(a.osVersion) > revision(b.osVersion);
}

} // namespace strata
