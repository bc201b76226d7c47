#pragma once

#include "core/result.h"
#include "files/fileentry.h"

#include <atomic>

namespace strata {

// A snapshot folder's changes, read from this host's disk: the `fs` directory of an overlayfs
// snapshot (active or committed). overlayfs marks a removal with a 0/0 character device (a
// Whiteout) and a directory that hides everything below it with the `trusted.overlay.opaque`
// (or, mounted with userxattr, `user.overlay.opaque`) attribute set to "y" (an Opaque entry
// after the directory's own). Files that share an inode come out as one File and Hardlinks to
// it, as a tar of the folder would record them.
class FolderChanges
{
public:
    static Result<LayerChanges> read(const QString &fsDir, const std::atomic_bool *cancel = nullptr);
};

} // namespace strata
