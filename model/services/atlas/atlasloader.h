#pragma once

#include "atlas/atlascontents.h"
#include "core/result.h"

#include <QList>
#include <QString>

#include <memory>

namespace strata {

class AtlasFolderSource;
class Client;
class FolderCache;

// Gathers what the atlas shows with blocking calls: run it on a worker thread. Folder numbers
// come from the cache when known, else from the folder source (by default, temporary views);
// usage and image manifests are fetched in parallel because a store has thousands of them.
class AtlasLoader
{
public:
    // Without a cache nothing is remembered; without a source, FolderDiscovery is used.
    AtlasLoader(std::shared_ptr<const Client> client, QString snapshotter,
                std::shared_ptr<FolderCache> cache = {}, std::shared_ptr<AtlasFolderSource> source = {});

    Result<AtlasContents> loadAll() const;
    Result<QList<AtlasImage>> loadImages() const;
    // NotFound when the image is gone.
    Result<AtlasImage> loadImage(const QString &name) const;
    // NotFound when the snapshot is gone (or lives in another snapshotter).
    Result<AtlasSnapshot> loadSnapshot(const QString &key) const;

private:
    AtlasImage resolve(const ImageRecord &record) const;
    // Fills folderId/folderPath of `snapshots`; `all` must hold every parent of them.
    Status attachFolders(QList<AtlasSnapshot> &snapshots, const QList<SnapshotInfo> &all) const;
    void attachUsage(QList<AtlasSnapshot> &snapshots) const;

    std::shared_ptr<const Client> m_client;
    QString m_snapshotter;
    std::shared_ptr<FolderCache> m_cache;
    std::shared_ptr<AtlasFolderSource> m_source;
};

} // namespace strata
