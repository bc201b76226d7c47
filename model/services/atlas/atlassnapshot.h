#pragma once

#include "types/snapshotinfo.h"

#include <QString>

#include <optional>

namespace strata {

// One snapshot as the atlas shows it: what Stat says, the numbered folder it lives in and,
// when the snapshotter answered, its usage.
struct AtlasSnapshot
{
    SnapshotInfo info;
    QString folderId;   // empty when unknown
    QString folderPath; // empty when unknown
    QString folderSource; // where the folder number was read (SnapshotFolder::source)
    std::optional<SnapshotUsage> usage;
};

} // namespace strata
