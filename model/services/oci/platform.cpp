#include "oci/platform.h"

#include <QRegularExpression>
#include <QSysInfo>

namespace strata {

namespace {

QString normalizeOs(const QString &os)
{
    const QString lower = os.toLower();
    if (lower == QLatin1String("macos"))
        return QStringLiteral("darwin");
    if (lower == QLatin1String("winnt"))
        return QStringLiteral("windows");
    return lower;
}

bool isKnownOs(const QString &os)
{
    static const QStringList known{QStringLiteral("aix"), QStringLiteral("android"), QStringLiteral("darwin"),
                                   QStringLiteral("dragonfly"), QStringLiteral("freebsd"), QStringLiteral("illumos"),
                                   QStringLiteral("ios"), QStringLiteral("linux"), QStringLiteral("netbsd"),
                                   QStringLiteral("openbsd"), QStringLiteral("plan9"), QStringLiteral("solaris"),
                                   QStringLiteral("windows")};
    return known.contains(os);
}

bool isKnownArch(const QString &arch)
{
    static const QStringList known{QStringLiteral("386"), QStringLiteral("amd64"), QStringLiteral("arm"),
                                   QStringLiteral("arm64"), QStringLiteral("loong64"), QStringLiteral("mips"),
                                   QStringLiteral("mips64"), QStringLiteral("mips64le"), QStringLiteral("mipsle"),
                                   QStringLiteral("ppc64"), QStringLiteral("ppc64le"), QStringLiteral("riscv64"),
                                   QStringLiteral("s390x"), QStringLiteral("wasm")};
    return known.contains(arch);
}

} // namespace

Platform Platform::normalized() const
{
    Platform p = *this;
    p.os = normalizeOs(os);
    p.architecture = architecture.toLower();
    p.variant = variant.toLower();
    const QString &a = p.architecture;
    QString &v = p.variant;
    if (a == QLatin1String("i386")) {
        p.architecture = QStringLiteral("386");
        v.clear();
    } else if (a == QLatin1String("x86_64") || a == QLatin1String("x86-64") || a == QLatin1String("amd64")) {
        p.architecture = QStringLiteral("amd64");
        if (v == QLatin1String("v1"))
            v.clear();
    } else if (a == QLatin1String("aarch64") || a == QLatin1String("arm64")) {
        p.architecture = QStringLiteral("arm64");
        if (v.isEmpty() || v == QLatin1String("8"))
            v = QStringLiteral("v8");
    } else if (a == QLatin1String("armhf")) {
        p.architecture = QStringLiteral("arm");
        v = QStringLiteral("v7");
    } else if (a == QLatin1String("armel")) {
        p.architecture = QStringLiteral("arm");
        v = QStringLiteral("v6");
    } else if (a == QLatin1String("arm")) {
        if (v.isEmpty() || v == QLatin1String("7"))
            v = QStringLiteral("v7");
        else if (v == QLatin1String("5") || v == QLatin1String("6") || v == QLatin1String("8"))
            v.prepend(QLatin1Char('v'));
    }
    return p;
}

Platform Platform::host()
{
    Platform p;
    p.os = QSysInfo::kernelType();
    p.architecture = QSysInfo::currentCpuArchitecture();
    p = p.normalized();
    if (p.os == QLatin1String("windows"))
        p.osVersion = QSysInfo::kernelVersion();
    return p;
}

Result<Platform> Platform::parse(const QString &specifier)
{
    static const QRegularExpression component(QStringLiteral("^[A-Za-z0-9_-]+$"));
    const QStringList parts = specifier.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (!component.match(part).hasMatch())
            return Error{Error::InvalidArgument,
                         QStringLiteral("\"%1\" is not a platform: expected os[/architecture[/variant]]").arg(specifier)};
    }
    const Platform host = Platform::host();
    Platform p;
    switch (parts.size()) {
    case 1:
        if (isKnownOs(normalizeOs(parts[0]))) {
            p.os = parts[0];
            p.architecture = host.architecture;
            p.variant = host.variant;
        } else {
            p.os = host.os;
            p.architecture = parts[0];
            if (!isKnownArch(p.normalized().architecture))
                return Error{Error::InvalidArgument,
                             QStringLiteral("\"%1\" is neither a known operating system nor architecture").arg(specifier)};
        }
        break;
    case 2:
        p.os = parts[0];
        p.architecture = parts[1];
        break;
    case 3:
        p.os = parts[0];
        p.architecture = parts[1];
        p.variant = parts[2];
        break;
    default:
        return Error{Error::InvalidArgument,
                     QStringLiteral("\"%1\" has too many parts for a platform (os/architecture/variant)").arg(specifier)};
    }
    p = p.normalized();
    if (p.os == host.os && p.os == QLatin1String("windows"))
        p.osVersion = host.osVersion;
    return p;
}

QString Platform::toString() const
{
    QString s = os + QLatin1Char('/') + architecture;
    if (!variant.isEmpty())
        s += QLatin1Char('/') + variant;
    return s;
}

} // namespace strata
