#include "types/imagereference.h"

#include <QRegularExpression>

namespace strata {

namespace {

const QString kDockerHub = QStringLiteral("docker.io");

bool isHost(const QString &component)
{
    return component.contains(QLatin1Char('.')) || component.contains(QLatin1Char(':'))
        || component == QLatin1String("localhost");
}

Error invalid(const QString &text, const QString &why)
{
    return Error{Error::InvalidArgument, QStringLiteral("\"%1\" is not an image reference: %2").arg(text, why)};
}

} // namespace

Result<ImageReference> ImageReference::parse(const QString &text)
{
    static const QRegularExpression component(QStringLiteral("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$"));
    static const QRegularExpression host(QStringLiteral("^[A-Za-z0-9.-]+(?::[0-9]+)?$|^\\[[0-9A-Fa-f:]+\\](?::[0-9]+)?$"));
    static const QRegularExpression tagForm(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"));
    static const QRegularExpression digestForm(QStringLiteral("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$"));

    if (text.isEmpty())
        return invalid(text, QStringLiteral("it is empty"));
    ImageReference ref;
    QString rest = text;
    if (const auto at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        ref.digest = rest.mid(at + 1);
        rest.truncate(at);
        if (!digestForm.match(ref.digest).hasMatch())
            return invalid(text, QStringLiteral("\"%1\" is not a digest (algorithm:hex)").arg(ref.digest));
    }
    const auto lastSlash = rest.lastIndexOf(QLatin1Char('/'));
    if (const auto colon = rest.lastIndexOf(QLatin1Char(':')); colon > lastSlash) {
        ref.tag = rest.mid(colon + 1);
        rest.truncate(colon);
        if (!tagForm.match(ref.tag).hasMatch())
            return invalid(text, QStringLiteral("\"%1\" is not a tag").arg(ref.tag));
    }
    QStringList parts = rest.split(QLatin1Char('/'));
    if (parts.size() > 1 && isHost(parts.constFirst())) {
        ref.domain = parts.takeFirst();
        if (!host.match(ref.domain).hasMatch())
            return invalid(text, QStringLiteral("\"%1\" is not a registry host").arg(ref.domain));
    } else {
        ref.domain = kDockerHub;
    }
    if (ref.domain == QLatin1String("index.docker.io"))
        ref.domain = kDockerHub;
    if (ref.domain == kDockerHub && parts.size() == 1)
        parts.prepend(QStringLiteral("library"));
    for (const QString &p : parts) {
        if (!component.match(p).hasMatch())
            return invalid(text, p.isEmpty() ? QStringLiteral("a path component is empty")
                                             : QStringLiteral("\"%1\" must be lowercase letters, digits and separators").arg(p));
    }
    ref.repository = parts.join(QLatin1Char('/'));
    if (ref.tag.isEmpty() && ref.digest.isEmpty())
        ref.tag = QStringLiteral("latest");
    return ref;
}

QString ImageReference::locator() const
{
    return domain + QLatin1Char('/') + repository;
}

QString ImageReference::name() const
{
    QString n = locator();
    if (!tag.isEmpty())
        n += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        n += QLatin1Char('@') + digest;
    return n;
}

QString ImageReference::familiar() const
{
    if (domain != kDockerHub)
        return name();
    QString n = repository;
    if (n.startsWith(QLatin1String("library/")) && n.count(QLatin1Char('/')) == 1)
        n = n.mid(int(qstrlen("library/")));
    if (!tag.isEmpty())
        n += QLatin1Char(':') + tag;
    if (!digest.isEmpty())
        n += QLatin1Char('@') + digest;
    return n;
}

QString ImageReference::apiHost() const
{
    return domain == kDockerHub ? QStringLiteral("registry-1.docker.io") : domain;
}

} // namespace strata
