#pragma once

#include "types/records.h"
#include "core/result.h"

#include <chrono>
#include <memory>

namespace strata {

class Client;

// containerd.services.leases.v1.Leases: resources made under a lease survive garbage
// collection until it is deleted or expires, so a crash leaves nothing behind for long.
class LeasesService
{
public:
    explicit LeasesService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // "strata-<purpose>-<ms>-<random>": unique enough that two Strata processes, or two jobs in
    // one, never share a lease (or an ingest ref or snapshot key built from it).
    static QString uniqueId(const QString &purpose);

    // A lease that containerd's GC removes after `expiry` even if its creator dies.
    Result<LeaseRecord> create(const QString &id, std::chrono::seconds expiry,
                               QMap<QString, QString> labels = {}) const;
    // With `sync`, returns after the collector has taken what only this lease held.
    Status remove(const QString &id, bool sync = false) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
