#pragma once

#include "core/result.h"
#include "types/snapshotfolder.h"
#include "types/snapshotinfo.h"

#include <QHash>
#include <QList>

#include <atomic>
#include <memory>

namespace strata {

class Client;

// Finds the numbered folder of every snapshot of one snapshotter through the API alone.
// Active and View snapshots reveal their chain in their own mounts. Committed ones have no
// mounts, so a temporary View is made on each chain tip that no mount has covered yet: its
// mounts name the whole chain, so the cost is one View per tip, not one per snapshot. The
// Views live under an expiring lease and are removed before returning, on errors too, and when
// `cancel` is set meanwhile: no new View is made, the ones made are removed, and the result is
// Error::Cancelled.
class FolderDiscovery
{
public:
    struct Stats
    {
        int mountCalls = 0;
        int temporaryViews = 0;
    };

    FolderDiscovery(std::shared_ptr<const Client> client, QString snapshotter, const std::atomic_bool *cancel = nullptr);

    // Folders for all snapshots, in the order of `snapshots`.
    Result<QList<SnapshotFolder>> discover(const QList<SnapshotInfo> &snapshots);
    // Lists the snapshotter first.
    Result<QList<SnapshotFolder>> discoverAll();

    const Stats &stats() const { return m_stats; }

private:
    std::shared_ptr<const Client> m_client;
    QString m_snapshotter;
    const std::atomic_bool *m_cancel;
    Stats m_stats;
};

} // namespace strata
