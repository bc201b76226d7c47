#include "atlas/discoveryfoldersource.h"

#include "snapshots/folderdiscovery.h"

namespace strata {

DiscoveryFolderSource::DiscoveryFolderSource(std::shared_ptr<const Client> client, QString snapshotter)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
{
}

Result<QList<SnapshotFolder>> DiscoveryFolderSource::folders(const QList<SnapshotInfo> &snapshots)
{
    return FolderDiscovery(m_client, m_snapshotter).discover(snapshots);
}

} // namespace strata
