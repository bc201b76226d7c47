#pragma once

#include "files/filekind.h"

#include <QList>
#include <QString>

namespace strata {

// One entry of one layer's changes, as the layer itself records it (a tar member or a file in a
// snapshot folder). `path` is relative to the layer's root, without a leading slash; for a
// Whiteout it is the path removed, for an Opaque the directory whose lower contents are hidden.
struct FileEntry
{
    QString path;
    FileKind kind = FileKind::File;
    quint32 mode = 0; // permission bits and setuid/setgid/sticky, without the type
    quint32 uid = 0;
    quint32 gid = 0;
    qint64 size = 0; // bytes of a regular file; 0 for everything else
    qint64 mtime = 0; // seconds since the epoch
    QString linkTarget; // Symlink: as stored; Hardlink: the path it links to, layer-relative

    friend bool operator==(const FileEntry &, const FileEntry &) = default;
};

using LayerChanges = QList<FileEntry>;

} // namespace strata
