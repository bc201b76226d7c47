#include "atlas/discoveryfoldersource.h"

#include "snapshots/folderdiscovery.h"
#include "snapshots/folderlookup.h"

#include <QHash>

#include <algorithm>

namespace strata {

DiscoveryFolderSource::DiscoveryFolderSource(std::shared_ptr<const Client> client, QString snapshotter)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
{
}

Result<QList<SnapshotFolder>> DiscoveryFolderSource::folders(const QList<SnapshotInfo> &snapshots)
{
    // On the containerd host the snapshotter's own database answers without temporary views;
    // only when it misses a snapshot (made after the read) does the API get asked.
    QHash<QString, SnapshotFolder> found;
    if (auto local = FolderLookup::localDatabase(m_client, m_snapshotter)) {
        for (const auto &f : local->folders) {
            if (!f.id.isEmpty())
                found.insert(f.key, f);
        }
    }
    const bool complete = std::all_of(snapshots.begin(), snapshots.end(),
                                      [&](const SnapshotInfo &s) { return found.contains(s.key); });
    if (!complete) {
        auto discovered = FolderDiscovery(m_client, m_snapshotter).discover(snapshots);
        if (!discovered)
            return discovered.error();
        for (const auto &f : *discovered) {
            if (!found.contains(f.key))
                found.insert(f.key, f);
        }
    }
    QList<SnapshotFolder> out;
    out.reserve(snapshots.size());
    for (const auto &s : snapshots) {
        const SnapshotFolder f = found.value(s.key);
        out << SnapshotFolder{s.key, s.parent, s.kind, f.id, f.path, f.source};
    }
    return out;
}

} // namespace strata
