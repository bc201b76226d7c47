#include "atlas/atlasloader.h"

#include "atlas/discoveryfoldersource.h"
#include "atlas/foldercache.h"
#include "client/imagesservice.h"
#include "client/snapshotsservice.h"
#include "oci/imageresolver.h"
#include "snapshots/temporaryview.h"

#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

namespace strata {

namespace {

// Parallel unary calls over one channel: enough to hide the round trips, few enough not to
// crowd a busy daemon.
constexpr int kParallelCalls = 8;

// A chain longer than the store holds means a cycle, which only a corrupt store has.
constexpr int kMaxChain = 100000;

} // namespace

AtlasLoader::AtlasLoader(std::shared_ptr<const Client> client, QString snapshotter,
                         std::shared_ptr<FolderCache> cache, std::shared_ptr<AtlasFolderSource> source)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
    , m_cache(cache ? std::move(cache) : std::make_shared<FolderCache>())
    , m_source(source ? std::move(source) : std::make_shared<DiscoveryFolderSource>(m_client, m_snapshotter))
{
}

Result<AtlasContents> AtlasLoader::loadAll() const
{
    auto list = SnapshotsService(m_client, m_snapshotter).list();
    if (!list)
        return list.error();
    *list = TemporaryView::withoutTemporary(std::move(*list));
    auto images = loadImages();
    if (!images)
        return images.error();

    AtlasContents out;
    out.snapshotter = m_snapshotter;
    out.images = std::move(*images);
    out.snapshots.reserve(list->size());
    for (const auto &s : *list)
        out.snapshots << AtlasSnapshot{s, {}, {}, {}, std::nullopt};
    if (auto folders = attachFolders(out.snapshots, *list); !folders)
        return folders.error();
    attachUsage(out.snapshots);
    return out;
}

Result<QList<AtlasImage>> AtlasLoader::loadImages() const
{
    auto records = ImagesService(m_client).list();
    if (!records)
        return records.error();
    QList<AtlasImage> images;
    images.reserve(records->size());
    for (const auto &r : *records)
        images << AtlasImage{r, {}, {}};
    QThreadPool pool;
    pool.setMaxThreadCount(kParallelCalls);
    QtConcurrent::blockingMap(&pool, images, [this](AtlasImage &image) { image = resolve(image.record); });
    return images;
}

Result<AtlasImage> AtlasLoader::loadImage(const QString &name) const
{
    auto record = ImagesService(m_client).get(name);
    if (!record)
        return record.error();
    return resolve(*record);
}

AtlasImage AtlasLoader::resolve(const ImageRecord &record) const
{
    AtlasImage image{record, {}, {}};
    auto layers = ImageResolver(m_client).layers(record.name);
    if (!layers) {
        image.error = layers.error().message;
        return image;
    }
    for (const auto &layer : *layers)
        image.layerKeys << layer.chainId;
    return image;
}

Result<AtlasSnapshot> AtlasLoader::loadSnapshot(const QString &key) const
{
    SnapshotsService service(m_client, m_snapshotter);
    auto info = service.stat(key);
    if (!info)
        return info.error();

    // The chain above it, from the cache where possible: an event must not cost a Stat per
    // parent when the atlas already walked that chain.
    QList<SnapshotInfo> chain{*info};
    QString parent = info->parent;
    for (int n = 0; !parent.isEmpty() && n < kMaxChain; ++n) {
        if (auto known = m_cache->entry(parent)) {
            chain << SnapshotInfo{known->key, known->parent, known->kind, {}, {}, {}};
        } else {
            auto stat = service.stat(parent);
            if (!stat)
                break; // a parent removed meanwhile ends the chain; its folder stays unknown
            chain << *stat;
        }
        parent = chain.constLast().parent;
    }

    QList<AtlasSnapshot> one{AtlasSnapshot{*info, {}, {}, {}, std::nullopt}};
    if (auto folders = attachFolders(one, chain); !folders)
        return folders.error();
    attachUsage(one);
    return one.constFirst();
}

Status AtlasLoader::attachFolders(QList<AtlasSnapshot> &snapshots, const QList<SnapshotInfo> &all) const
{
    QHash<QString, const SnapshotInfo *> byKey;
    byKey.reserve(all.size());
    for (const auto &s : all)
        byKey.insert(s.key, &s);

    // Only what the cache does not know goes to the source, with the chains above it so that
    // the source sees whole chains (one temporary view then covers a whole unknown chain).
    QList<SnapshotInfo> unknown;
    QSet<QString> queued;
    for (auto &s : snapshots) {
        if (auto known = m_cache->find(s.info.key, s.info.parent)) {
            s.folderId = known->id;
            s.folderPath = known->path;
            s.folderSource = known->source;
            continue;
        }
        for (QString k = s.info.key; !k.isEmpty() && !queued.contains(k);) {
            const auto *info = byKey.value(k);
            if (!info)
                break;
            unknown << *info;
            queued.insert(k);
            k = info->parent;
        }
    }
    if (unknown.isEmpty())
        return success();

    auto found = m_source->folders(unknown);
    if (!found)
        return found.error();
    m_cache->store(*found);
    QHash<QString, const SnapshotFolder *> folders;
    for (const auto &f : *found)
        folders.insert(f.key, &f);
    for (auto &s : snapshots) {
        if (const auto *f = folders.value(s.info.key)) {
            s.folderId = f->id;
            s.folderPath = f->path;
            s.folderSource = f->source;
        }
    }
    return success();
}

void AtlasLoader::attachUsage(QList<AtlasSnapshot> &snapshots) const
{
    SnapshotsService service(m_client, m_snapshotter);
    auto fetch = [&service](AtlasSnapshot &s) {
        // A snapshot removed meanwhile simply has no usage; the event that follows removes it.
        if (auto usage = service.usage(s.info.key))
            s.usage = *usage;
    };
    if (snapshots.size() == 1) {
        fetch(snapshots.first());
        return;
    }
    QThreadPool pool;
    pool.setMaxThreadCount(kParallelCalls);
    QtConcurrent::blockingMap(&pool, snapshots, fetch);
}

} // namespace strata
