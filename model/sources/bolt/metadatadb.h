#pragma once

#include "bolt/boltreader.h"
#include "types/imagerecord.h"
#include "bolt/snapshotref.h"
#include "core/result.h"

#include <QList>
#include <QStringList>

namespace strata {

// containerd's own metadata store, io.containerd.metadata.v1.bolt/meta.db, decoded for what
// Strata needs offline: namespaces, images, and the user-facing snapshot names per snapshotter.
class MetadataDb
{
public:
    static Result<MetadataDb> open(const QString &metaDbPath);
    static Result<MetadataDb> decode(const BoltReader &reader);

    qint64 schemaVersion() const { return m_schemaVersion; } // `v1/version`; 0 if absent
    const QStringList &namespaces() const { return m_namespaces; }
    QList<ImageRecord> images(const QString &namespaceName) const;
    // Snapshotter names that have snapshots in `namespaceName`.
    QStringList snapshotters(const QString &namespaceName) const;
    // The namespace's snapshots of `snapshotter` (all snapshotters when empty), in name order.
    QList<SnapshotRef> snapshots(const QString &namespaceName, const QString &snapshotter = {}) const;

private:
    Status decodeNamespace(const QString &name, const BoltBucket &bucket);

    qint64 m_schemaVersion = 0;
    QStringList m_namespaces;
    QList<ImageRecord> m_images;
    QList<SnapshotRef> m_snapshots;
};

} // namespace strata
