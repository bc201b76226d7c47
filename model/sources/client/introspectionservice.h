#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace strata {

class Client;

// containerd.services.introspection.v1.Introspection
class IntrospectionService
{
public:
    explicit IntrospectionService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // Filters use containerd's filter syntax, e.g. "type==io.containerd.snapshotter.v1".
    Result<QList<PluginRecord>> plugins(const QStringList &filters = {}) const;
    // Snapshotter plugins that loaded without error.
    Result<QList<PluginRecord>> snapshotters() const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
