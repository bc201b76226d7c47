#pragma once

#include <QString>

namespace strata {

// A stack entry is a snapshot's numbered folder (`.../snapshots/N`), the way
// `windows.layerFolders` and the folder numbers spell it. The overlayfs snapshotter keeps the
// layer's files in `N/fs` and overlayfs' scratch space for the writable layer in `N/work`:
// this is the one place that maps between the two spellings.
class OverlayFolder
{
public:
    // `.../snapshots/N` for `N` or `N/fs`, in the path's own separators and without trailing
    // ones.
    static QString of(const QString &path);

    // `N/fs`: a lowerdir or the upperdir.
    static QString filesDir(const QString &folder);

    // `N/work`: the workdir that goes with the upperdir `N/fs`.
    static QString workDir(const QString &folder);
};

} // namespace strata
