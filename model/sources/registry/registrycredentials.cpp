#include "registry/registrycredentials.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace strata {

namespace {

// docker login keys Docker Hub by its old v1 URL and other registries by host, with or without
// a scheme; all of these name the same registry.
QStringList configKeys(const QString &host)
{
    QStringList hosts{host};
    if (host == QLatin1String("docker.io") || host == QLatin1String("registry-1.docker.io")
        || host == QLatin1String("index.docker.io"))
        hosts = {QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("index.docker.io"),
                 QStringLiteral("docker.io"), QStringLiteral("registry-1.docker.io")};
    QStringList keys;
    for (const QString &h : std::as_const(hosts))
        keys << h << QStringLiteral("https://") + h << QStringLiteral("http://") + h << QStringLiteral("https://%1/v1/").arg(h);
    return keys;
}

} // namespace

RegistryCredentials RegistryCredentials::fromUserOption(const QString &option)
{
    const auto colon = option.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return {option, {}};
    return {option.left(colon), option.mid(colon + 1)};
}

std::optional<RegistryCredentials> RegistryCredentials::fromDockerConfig(const QString &host)
{
    const QString dir = qEnvironmentVariableIsEmpty("DOCKER_CONFIG") ? QDir::homePath() + QStringLiteral("/.docker")
                                                                     : qEnvironmentVariable("DOCKER_CONFIG");
    return fromDockerConfigFile(dir + QStringLiteral("/config.json"), host);
}

std::optional<RegistryCredentials> RegistryCredentials::fromDockerConfigFile(const QString &path, const QString &host)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject auths = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("auths")).toObject();
    for (const QString &key : configKeys(host)) {
        const QJsonObject entry = auths.value(key).toObject();
        if (entry.isEmpty())
            continue;
        if (const QString user = entry.value(QLatin1String("username")).toString(); !user.isEmpty())
            return RegistryCredentials{user, entry.value(QLatin1String("password")).toString()};
        const QByteArray decoded = QByteArray::fromBase64(entry.value(QLatin1String("auth")).toString().toLatin1());
        if (decoded.contains(':'))
            return fromUserOption(QString::fromUtf8(decoded));
    }
    return std::nullopt;
}

} // namespace strata
