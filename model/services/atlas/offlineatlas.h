#pragma once

#include "atlas/atlascontents.h"
#include "bolt/containerdroot.h"
#include "bolt/metadatadb.h"
#include "core/result.h"
#include "oci/imageresolver.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

class PlatformMatcher;

// A containerd root (or a lone meta.db / metadata.db) read without a daemon: a copy from
// another host, a stopped containerd, a Windows store read on Linux. It yields what a live
// AtlasLoader would (images with their layer keys, snapshots with folders) from the bolt files
// and the on-disk content store, and never writes to them.
class OfflineAtlas
{
public:
    static Result<OfflineAtlas> open(const QString &path);

    QString path() const { return m_path; }
    const ContainerdRoot &root() const { return m_root; }
    bool hasNames() const { return m_meta.has_value(); } // meta.db was found
    bool hasContent() const;                              // so images can be resolved
    // Snapshotters with a metadata.db; "" for a loose metadata.db whose name is unknown; for a
    // lone meta.db, the snapshotters it names.
    QStringList snapshotters() const;
    // Namespaces of meta.db; without it, those the snapshotter's keys name.
    QStringList namespaces(const QString &snapshotter) const;
    // "default" when the store has it, else the first namespace with snapshots.
    QString defaultNamespace(const QString &snapshotter) const;

    // ContainerdRoot::hostRoot: a Windows store keeps its Windows paths.
    QString defaultHostRoot(const QString &snapshotter) const;
    // The platform whose manifest an index resolves to: Windows for a Windows store.
    static PlatformMatcher platformFor(const QString &snapshotter);

    // Folder paths are spelled under `hostRoot` (defaultHostRoot when empty). Snapshots carry
    // the namespace's user-facing names (from meta.db, else from the backend keys); with no
    // namespace, the snapshotter's own keys. With meta.db but no metadata.db for `snapshotter`,
    // snapshots come without folders.
    Result<AtlasContents> load(const QString &snapshotter, const QString &ns, const QString &hostRoot = {}) const;
    Result<ResolvedImage> resolveImage(const QString &ns, const QString &name, const QString &snapshotter) const;

private:
    QList<AtlasImage> images(const QString &ns, const QString &snapshotter) const;

    QString m_path;
    ContainerdRoot m_root;
    std::optional<MetadataDb> m_meta;
};

} // namespace strata
