#pragma once

#include "core/result.h"
#include "types/mount.h"
#include "snapshots/mountlayout.h"
#include "types/snapshotkind.h"

#include <QByteArray>
#include <QList>

namespace strata {

// Reads numbered snapshot folders out of the mounts containerd's snapshotters return
// (overlayfs, native, windows, CimFS), and the JSON shape of `ctr snapshots prepare --mounts`.
class MountParser
{
public:
    // What the caller knows about the snapshot. A read-only mount's source is the snapshot's own
    // folder or its nearest parent's depending on the snapshotter and the chain length, so
    // without a hint such mounts come back with MountLayout::Own::Unknown.
    struct Hint
    {
        SnapshotKind kind = SnapshotKind::Unknown;
        int parentCount = -1; // length of the snapshot's parent chain; -1 when not known
    };

    static Result<MountLayout> parse(const QList<Mount> &mounts);
    static Result<MountLayout> parse(const QList<Mount> &mounts, const Hint &hint);

    // ".../snapshots/<N>" optionally followed by "/fs" or "/work", with either separator.
    static Result<MountLayout::Folder> folderOf(const QString &path);

    // ctr's JSON: an array of {"Type","Source","Target","Options"}; keys match
    // case-insensitively (as Go's decoder does), Target and Options may be missing or null.
    static Result<QList<Mount>> fromCtrJson(const QByteArray &json);
    // The same shape back: four-space indent, Go's HTML-safe escaping, empty Options as null,
    // and a trailing newline, so the output diffs cleanly against ctr's.
    static QByteArray toCtrJson(const QList<Mount> &mounts);
};

} // namespace strata
