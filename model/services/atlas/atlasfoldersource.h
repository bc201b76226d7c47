#pragma once

#include "core/result.h"
#include "types/snapshotfolder.h"
#include "types/snapshotinfo.h"

#include <QList>

namespace strata {

// Where the atlas learns folder numbers. The API source makes temporary views; an offline
// source (metadata.db read by model/bolt) can stand in where views are expensive or forbidden.
class AtlasFolderSource
{
public:
    virtual ~AtlasFolderSource() = default;

    // Folders for `snapshots`, in their order. The list holds every parent of each snapshot,
    // so a source can reason about whole chains. Called on worker threads, one call at a time.
    virtual Result<QList<SnapshotFolder>> folders(const QList<SnapshotInfo> &snapshots) = 0;
};

} // namespace strata
