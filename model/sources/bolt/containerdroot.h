#pragma once

#include "bolt/folderpathstyle.h"
#include "bolt/metadatadb.h"
#include "bolt/snapshotterdb.h"
#include "core/result.h"
#include "types/snapshotfolder.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// Finds containerd's bolt files from whatever the user points at (a containerd root, one
// snapshotter's metadata.db or its folder, or meta.db) and joins them into folder lists
// without talking to containerd: the offline counterpart of FolderDiscovery.
class ContainerdRoot
{
public:
    static constexpr const char *MetaDbRelative = "io.containerd.metadata.v1.bolt/meta.db";
    static constexpr const char *SnapshotterPrefix = "io.containerd.snapshotter.v1.";

    static Result<ContainerdRoot> locate(const QString &path);

    QString rootDir() const { return m_rootDir; }   // empty when only single files were given
    QString metaDbPath() const { return m_metaDb; } // empty when there is none
    QStringList snapshotters() const { return m_snapshotterDbs.keys(); } // "" = unknown name
    // A loose metadata.db has no name of its own and answers for any.
    QString snapshotterDbPath(const QString &snapshotter) const;

    // Where the snapshotter's folders live on the store's own host: containerd's default root on
    // Windows for a Windows snapshotter (a copy read elsewhere keeps paths hcsshim knows), else
    // the folder holding its metadata.db here (empty when there is none).
    QString hostRoot(const QString &snapshotter) const;

    Result<MetadataDb> metadataDb() const;
    Result<SnapshotterDb> snapshotterDb(const QString &snapshotter) const;

    // The folders of one snapshotter (empty name: the only one there is), as `stratactl folders
    // --json` prints them, keyed as SnapshotJoin names them (a namespace's user-facing names,
    // or every backend key when no namespace is given). Paths are under `displayRoot`, by
    // default hostRoot(); `style` defaults to the snapshotter's convention.
    Result<QList<SnapshotFolder>> folders(const QString &snapshotter, const QString &namespaceName = {},
                                          const QString &displayRoot = {},
                                          std::optional<FolderPathStyle> style = {}) const;

private:
    void addSnapshotters(const QString &rootDir);
    Result<QString> resolveSnapshotter(const QString &snapshotter) const;

    QString m_rootDir;
    QString m_metaDb;
    QMap<QString, QString> m_snapshotterDbs; // snapshotter name -> metadata.db path
};

} // namespace strata
