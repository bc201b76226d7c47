#include "snapshots/folderdiscovery.h"

#include "client/client.h"
#include "client/leasesservice.h"
#include "client/snapshotsservice.h"
#include "snapshots/mountparser.h"
#include "snapshots/temporaryview.h"

#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QUuid>

namespace strata {

namespace {

// Enough to hide the round-trip latency; more only queues inside containerd.
constexpr int kParallelViews = 8;

struct Folder
{
    QString id;
    QString path;
};

class Assigner
{
public:
    explicit Assigner(const QList<SnapshotInfo> &snapshots)
    {
        for (const auto &s : snapshots)
            m_byKey.insert(s.key, &s);
    }

    // Hands the folders a layout names to `start` and then up its parent chain.
    void assign(const QString &start, const QList<MountLayout::Folder> &folders)
    {
        QString key = start;
        for (const auto &f : folders) {
            if (key.isEmpty())
                break;
            m_found.insert(key, Folder{f.id, f.path});
            auto it = m_byKey.constFind(key);
            key = it == m_byKey.cend() ? QString() : (*it)->parent;
        }
    }

    int chainLength(const QString &key) const
    {
        int n = 0;
        for (auto it = m_byKey.constFind(key); it != m_byKey.cend() && n <= m_byKey.size(); ++n)
            it = m_byKey.constFind((*it)->parent);
        return n;
    }

    bool has(const QString &key) const { return m_found.contains(key); }
    Folder folder(const QString &key) const { return m_found.value(key); }

private:
    QHash<QString, const SnapshotInfo *> m_byKey;
    QHash<QString, Folder> m_found;
};

// Which key the layout's first folder belongs to: the snapshot itself, or (for a read-only
// mount that only shows its parent, as an overlay View does) the parent.
QString firstFolderOwner(const SnapshotInfo &s, const MountLayout &layout)
{
    switch (layout.own) {
    case MountLayout::Own::Present: return s.key;
    case MountLayout::Own::Absent: return s.parent;
    case MountLayout::Own::Unknown: return s.kind == SnapshotKind::View ? s.parent : s.key;
    }
    return s.key;
}

} // namespace

FolderDiscovery::FolderDiscovery(std::shared_ptr<const Client> client, QString snapshotter, const std::atomic_bool *cancel)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
    , m_cancel(cancel)
{
}

Result<QList<SnapshotFolder>> FolderDiscovery::discoverAll()
{
    auto list = SnapshotsService(m_client, m_snapshotter).list();
    if (!list)
        return list.error();
    return discover(TemporaryView::withoutTemporary(std::move(*list)));
}

Result<QList<SnapshotFolder>> FolderDiscovery::discover(const QList<SnapshotInfo> &snapshots)
{
    m_stats = {};
    SnapshotsService service(m_client, m_snapshotter);
    Assigner found(snapshots);

    for (const auto &s : snapshots) {
        if (s.kind != SnapshotKind::Active && s.kind != SnapshotKind::View)
            continue;
        ++m_stats.mountCalls;
        auto mounts = service.mounts(s.key);
        if (!mounts)
            continue; // removed meanwhile: it simply stays without a folder
        auto layout = MountParser::parse(*mounts, {s.kind, found.chainLength(s.parent)});
        if (!layout)
            continue;
        found.assign(firstFolderOwner(s, *layout), layout->folders);
    }

    // Tips of what is still unknown: committed snapshots no other unknown committed one
    // names as parent. Their Views reveal the rest.
    QSet<QString> parentsOfUnknown;
    for (const auto &s : snapshots) {
        if (s.kind == SnapshotKind::Committed && !found.has(s.key))
            parentsOfUnknown.insert(s.parent);
    }
    QList<const SnapshotInfo *> tips;
    for (const auto &s : snapshots) {
        if (s.kind == SnapshotKind::Committed && !found.has(s.key) && !parentsOfUnknown.contains(s.key))
            tips << &s;
    }

    if (!tips.isEmpty()) {
        LeasesService leases(m_client);
        const QString leaseId = QStringLiteral("strata-discovery-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto lease = leases.create(leaseId, TemporaryView::leaseExpiry(tips.size()));
        if (!lease)
            return lease.error();
        // Each View is a round trip of its own (two, with its Remove): run them side by side.
        // The channel is thread-safe; the snapshotter serialises what it must.
        struct Probe
        {
            const SnapshotInfo *tip = nullptr;
            QList<Mount> mounts;
            int errorCode = Error::Ok; // of the View, or else of its Remove
            QString errorMessage;
            bool viewed = false;
        };
        QList<Probe> probes;
        for (const auto *tip : tips)
            probes << Probe{tip, {}, Error::Ok, {}, false};
        m_stats.temporaryViews = int(probes.size());
        QThreadPool pool;
        pool.setMaxThreadCount(kParallelViews);
        const auto cancelled = [this] { return m_cancel && m_cancel->load(); };
        QtConcurrent::blockingMap(&pool, probes, [&service, &leaseId, &cancelled](Probe &probe) {
            if (cancelled())
                return;
            const QString viewKey = TemporaryView::newKey();
            auto mounts = service.view(viewKey, probe.tip->key, {}, leaseId);
            if (!mounts) {
                probe.errorCode = mounts.error().code;
                probe.errorMessage = mounts.error().message;
                return;
            }
            probe.viewed = true;
            probe.mounts = *mounts;
            if (auto removed = service.remove(viewKey); !removed) {
                probe.errorCode = removed.error().code;
                probe.errorMessage = removed.error().message;
            }
        });
        std::optional<Error> failure;
        for (const auto &probe : probes) {
            // A View that failed with NotFound: the tip was removed meanwhile.
            if (probe.errorCode != Error::Ok && (probe.viewed || probe.errorCode != Error::NotFound))
                failure = Error{probe.errorCode, probe.errorMessage};
            if (!probe.viewed)
                continue;
            auto layout = MountParser::parse(probe.mounts, {SnapshotKind::View, found.chainLength(probe.tip->key)});
            if (!layout)
                continue;
            // The View's own folder is never the tip's: skip it when the mounts name it.
            QList<MountLayout::Folder> folders = layout->folders;
            if (layout->own == MountLayout::Own::Present && !folders.isEmpty())
                folders.removeFirst();
            found.assign(probe.tip->key, folders);
        }
        // Deleting the lease lets GC reclaim anything a failed Remove left behind.
        leases.remove(leaseId);
        if (cancelled())
            return Error{Error::Cancelled, QStringLiteral("interrupted while reading folders through temporary views")};
        if (failure)
            return *failure;
    }

    const QString source = QStringLiteral("the containerd API (mounts of the snapshot or of a temporary view)");
    QList<SnapshotFolder> out;
    out.reserve(snapshots.size());
    for (const auto &s : snapshots) {
        const Folder f = found.folder(s.key);
        out << SnapshotFolder{s.key, s.parent, s.kind, f.id, f.path, f.id.isEmpty() ? QString() : source};
    }
    return out;
}

} // namespace strata
