#pragma once

#include "bolt/boltreader.h"
#include "bolt/folderpathstyle.h"
#include "bolt/snapshotrecord.h"
#include "core/result.h"
#include "types/snapshotfolder.h"

#include <QList>

namespace strata {

// The snapshotter metastore (containerd snapshots/storage/bolt.go) decoded in full: every
// snapshot of `v1/snapshots` with its folder id, the `v1/parents` links and the id sequence.
class SnapshotterDb
{
public:
    struct ParentLink
    {
        quint64 parentId = 0;
        quint64 childId = 0;
        QString childKey;

        bool operator==(const ParentLink &) const = default;
    };

    static Result<SnapshotterDb> open(const QString &metadataDbPath);
    static Result<SnapshotterDb> decode(const BoltReader &reader);

    // Splits `<namespace>/<txid>/<name>` (what containerd's metadata layer makes) into
    // namespace and name; other keys give an empty namespace and the whole key as name.
    static void splitKey(const QString &key, QString &namespaceName, QString &name);

    const QList<SnapshotRecord> &records() const { return m_records; } // in key order
    const QList<ParentLink> &parentLinks() const { return m_links; }
    // The last folder id handed out (the `v1/snapshots` bucket sequence).
    quint64 sequence() const { return m_sequence; }
    const SnapshotRecord *find(const QString &key) const; // binary search; nullptr if absent

    // One folder per record, keys as stored (backend keys), paths under `snapshotterRoot`.
    QList<SnapshotFolder> folders(const QString &snapshotterRoot, FolderPathStyle style) const;
    static SnapshotFolder folderOf(const SnapshotRecord &record, const QString &snapshotterRoot, FolderPathStyle style);
    // The same with `snapshotsDir(...)` already computed, for loops.
    static SnapshotFolder folderIn(const SnapshotRecord &record, const QString &snapshotsDir);

private:
    QList<SnapshotRecord> m_records;
    QList<ParentLink> m_links;
    quint64 m_sequence = 0;
};

} // namespace strata
