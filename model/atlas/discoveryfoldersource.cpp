#include "atlas/discoveryfoldersource.h"

#include "bolt/containerdroot.h"
#include "client/client.h"
#include "snapshots/folderdiscovery.h"
#include "snapshots/folderlookup.h"

#include <QFileInfo>
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
    if (auto root = FolderLookup::localRoot(m_client, m_snapshotter)) {
        if (auto store = ContainerdRoot::locate(QFileInfo(*root).absolutePath())) {
            if (auto known = store->folders(m_snapshotter, m_client->ns())) {
                for (const auto &f : *known) {
                    if (!f.id.isEmpty())
                        found.insert(f.key, f);
                }
            }
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
        out << SnapshotFolder{s.key, s.parent, s.kind, f.id, f.path};
    }
    return out;
}

} // namespace strata
