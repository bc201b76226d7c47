#pragma once

#include <QString>

namespace strata {

// How numbered folder paths are spelled: the store's own convention, not the host's, so that a
// Windows metadata.db read on Linux still yields paths hcsshim and users recognise.
enum class FolderPathStyle { Posix, Windows };

// Windows for the `windows` and `windows-lcow` snapshotters, Posix for every other one.
FolderPathStyle folderPathStyleFor(const QString &snapshotter);

// `<snapshotterRoot>/snapshots/` (trailing separator included), to append folder ids to.
QString snapshotsDir(const QString &snapshotterRoot, FolderPathStyle style);

// `<snapshotterRoot>/snapshots/<id>` with the style's separator (backslashes for Windows,
// including any forward slashes already in the root).
QString snapshotFolderPath(const QString &snapshotterRoot, quint64 id, FolderPathStyle style);

} // namespace strata
