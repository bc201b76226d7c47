#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace strata {

class Client;

// containerd.services.version.v1.Version
class VersionService
{
public:
    explicit VersionService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<VersionInfo> version() const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
