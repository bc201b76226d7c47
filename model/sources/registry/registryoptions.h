#pragma once

#include "registry/registrycredentials.h"

#include <QString>

#include <optional>

namespace strata {

// How to reach a registry: what `ctr`'s --plain-http, --user and a CA option set.
struct RegistryOptions
{
    bool plainHttp = false;
    QString caFile;                                 // PEM; trusted in addition to the system CAs
    std::optional<RegistryCredentials> credentials; // else the docker config's entry, if any
    int timeoutMs = 30000;                          // without a byte received
};

} // namespace strata
