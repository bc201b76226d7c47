#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QList>

#include <memory>

namespace strata {

class Client;

// containerd.services.containers.v1.Containers
class ContainersService
{
public:
    explicit ContainersService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<QList<ContainerRecord>> list(const QStringList &filters = {}) const;
    Result<ContainerRecord> get(const QString &id) const;
    // The spec travels as an Any of the OCI runtime-spec type, its value the JSON bytes.
    Result<ContainerRecord> create(const ContainerRecord &container, const QString &lease = {}) const;
    Status remove(const QString &id) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
