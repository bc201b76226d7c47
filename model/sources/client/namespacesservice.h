#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace strata {

class Client;

// containerd.services.namespaces.v1.Namespaces
class NamespacesService
{
public:
    explicit NamespacesService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<QList<NamespaceRecord>> list() const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
