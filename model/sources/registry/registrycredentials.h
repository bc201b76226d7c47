#pragma once

#include <QString>

#include <optional>

namespace strata {

// A user name and password (or token) for one registry. Never printed or logged.
struct RegistryCredentials
{
    QString user;
    QString secret;

    // `user` or `user:password`, as --user takes them.
    static RegistryCredentials fromUserOption(const QString &option);
    // The entry for `host` in $DOCKER_CONFIG/config.json, else ~/.docker/config.json (what
    // `docker login` writes): `auths.<host>.auth` (base64 user:password) or username/password.
    static std::optional<RegistryCredentials> fromDockerConfig(const QString &host);
    // Same, from a given config.json.
    static std::optional<RegistryCredentials> fromDockerConfigFile(const QString &path, const QString &host);
};

} // namespace strata
