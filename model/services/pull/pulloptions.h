#pragma once

#include "oci/platform.h"
#include "registry/registryoptions.h"

#include <QString>

#include <optional>

namespace strata {

// What `stratactl pull` and the Pull dialog ask for.
struct PullOptions
{
    QString reference;
    RegistryOptions registry;
    std::optional<Platform> platform; // the host's when not set
    bool allPlatforms = false;        // fetch every manifest's content; unpack only the chosen one
    bool unpack = true;
    QString snapshotter = QStringLiteral("overlayfs");
    int maxConcurrentDownloads = 3;
};

} // namespace strata
