#include "atlas/offlineatlas.h"

#include "bolt/folderpathstyle.h"
#include "bolt/snapshotjoin.h"
#include "bolt/snapshotterdb.h"
#include "oci/contentstoredir.h"
#include "oci/platformmatcher.h"

#include <QFileInfo>
#include <QSet>

namespace strata {

namespace {

AtlasSnapshot fromRecord(const SnapshotRecord &record, const QString &snapshotsDir, const QString &source)
{
    AtlasSnapshot s;
    s.info.key = record.key;
    s.info.parent = record.parent;
    s.info.kind = record.kind;
    s.info.labels = record.labels;
    s.info.created = record.created;
    s.info.updated = record.updated;
    const SnapshotFolder folder = SnapshotterDb::folderIn(record, snapshotsDir);
    s.folderId = folder.id;
    s.folderPath = folder.path;
    s.folderSource = source;
    // The snapshotter writes size and inodes when it commits; before that they mean nothing.
    if (record.kind == SnapshotKind::Committed)
        s.usage = SnapshotUsage{record.size, record.inodes};
    return s;
}

} // namespace

Result<OfflineAtlas> OfflineAtlas::open(const QString &path)
{
    auto root = ContainerdRoot::locate(path);
    if (!root)
        return root.error();
    OfflineAtlas atlas;
    atlas.m_path = path;
    atlas.m_root = *root;
    if (!root->metaDbPath().isEmpty()) {
        auto meta = root->metadataDb();
        if (!meta)
            return meta.error();
        atlas.m_meta = *meta;
    }
    if (root->snapshotters().isEmpty() && !atlas.m_meta)
        return Error{Error::NotFound, QStringLiteral("%1 holds no snapshotter metadata.db and no meta.db").arg(path)};
    return atlas;
}

QStringList OfflineAtlas::snapshotters() const
{
    if (!m_root.snapshotters().isEmpty() || !m_meta)
        return m_root.snapshotters();
    QSet<QString> names;
    for (const auto &ns : m_meta->namespaces()) {
        const QStringList used = m_meta->snapshotters(ns);
        names.unite(QSet<QString>(used.cbegin(), used.cend()));
    }
    QStringList out(names.cbegin(), names.cend());
    out.sort();
    return out;
}

bool OfflineAtlas::hasContent() const
{
    return ContentStoreDir(m_root.rootDir()).exists();
}

QStringList OfflineAtlas::namespaces(const QString &snapshotter) const
{
    if (m_meta)
        return m_meta->namespaces();
    QSet<QString> names;
    if (auto db = m_root.snapshotterDb(snapshotter)) {
        for (const auto &r : db->records()) {
            if (!r.namespaceName.isEmpty())
                names.insert(r.namespaceName);
        }
    }
    QStringList out(names.cbegin(), names.cend());
    out.sort();
    return out;
}

QString OfflineAtlas::defaultNamespace(const QString &snapshotter) const
{
    const QStringList all = namespaces(snapshotter);
    if (all.contains(QLatin1String("default")))
        return QStringLiteral("default");
    if (m_meta) {
        for (const auto &ns : all) {
            if (!m_meta->snapshots(ns, snapshotter).isEmpty())
                return ns;
        }
    }
    return all.value(0);
}

QString OfflineAtlas::defaultHostRoot(const QString &snapshotter) const
{
    return m_root.hostRoot(snapshotter);
}

PlatformMatcher OfflineAtlas::platformFor(const QString &snapshotter)
{
    if (folderPathStyleFor(snapshotter) == FolderPathStyle::Windows)
        return PlatformMatcher(Platform{QStringLiteral("windows"), QStringLiteral("amd64"), {}, {}, {}});
    return PlatformMatcher::host();
}

Result<AtlasContents> OfflineAtlas::load(const QString &snapshotter, const QString &ns, const QString &hostRoot) const
{
    auto db = m_root.snapshotterDb(snapshotter);
    // A lone meta.db still knows names, parents, labels and images; only the folders are missing.
    const bool namesOnly = !db && db.error().is(Error::NotFound) && m_meta && !ns.isEmpty();
    if (!db && !namesOnly)
        return db.error();
    const QString dir = snapshotsDir(hostRoot.isEmpty() ? defaultHostRoot(snapshotter) : hostRoot, folderPathStyleFor(snapshotter));
    const QString source = QStringLiteral("metadata.db at %1 (offline)").arg(m_root.snapshotterDbPath(snapshotter));

    AtlasContents out;
    out.snapshotter = snapshotter;
    const MetadataDb *meta = m_meta && !ns.isEmpty() ? &*m_meta : nullptr;
    for (const auto &row : SnapshotJoin::rows(db ? &*db : nullptr, meta, ns, snapshotter)) {
        AtlasSnapshot s = row.record ? fromRecord(*row.record, dir, source) : AtlasSnapshot{};
        s.info.key = row.name;
        s.info.parent = row.parent;
        // meta.db's labels and times are the ones users set and ctr shows.
        if (row.ref) {
            s.info.labels = row.ref->labels;
            s.info.created = row.ref->created;
            s.info.updated = row.ref->updated;
        }
        out.snapshots << s;
    }
    if (meta)
        out.images = images(ns, snapshotter);
    return out;
}

QList<AtlasImage> OfflineAtlas::images(const QString &ns, const QString &snapshotter) const
{
    const ContentStoreDir content(m_root.rootDir());
    const bool readable = content.exists();
    const PlatformMatcher platform = platformFor(snapshotter);
    QList<AtlasImage> out;
    for (const auto &record : m_meta->images(ns)) {
        AtlasImage image{record, {}, {}};
        if (!readable) {
            image.error = QStringLiteral("no content store next to meta.db: open the whole containerd root to see layers");
        } else if (auto resolved = ImageResolver::resolve(record, [&content](const QString &d) { return content.read(d); }, platform)) {
            for (const auto &layer : resolved->layers)
                image.layerKeys << layer.chainId;
        } else {
            image.error = resolved.error().message;
        }
        out << image;
    }
    return out;
}

Result<ResolvedImage> OfflineAtlas::resolveImage(const QString &ns, const QString &name, const QString &snapshotter) const
{
    if (!m_meta)
        return Error{Error::NotFound, QStringLiteral("no meta.db was opened, so there are no images")};
    const ContentStoreDir content(m_root.rootDir());
    if (!content.exists())
        return Error{Error::NotFound, QStringLiteral("no content store next to meta.db: open the whole containerd root")};
    for (const auto &record : m_meta->images(ns)) {
        if (record.name == name)
            return ImageResolver::resolve(record, [&content](const QString &d) { return content.read(d); }, platformFor(snapshotter));
    }
    return Error{Error::NotFound, QStringLiteral("no image %1 in namespace %2").arg(name, ns)};
}

} // namespace strata
