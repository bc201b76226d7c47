#pragma once

#include <QString>

namespace strata {

// How layer folder paths are compared. A config written on one host is validated on another,
// so a Windows path may arrive with either separator, and an overlayfs entry may name the
// snapshot's `fs` subfolder rather than the snapshot folder itself.
class LayerPath
{
public:
    // Drive-letter or UNC paths: compared case-insensitively, as NTFS does.
    static bool isWindows(const QString &path);

    // The snapshot folder (see OverlayFolder), forward slashes, `.` and `..` resolved, lower-cased
    // when Windows: two spellings of the same snapshot folder normalize to the same string.
    static QString normalized(const QString &path);

    // The last path component ("25" for .../snapshots/25 or .../snapshots/25/fs).
    static QString folderName(const QString &path);

    // The folder holding the numbered snapshot folders (.../snapshots), normalized.
    static QString parentDir(const QString &path);
};

} // namespace strata
