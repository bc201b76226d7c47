#pragma once

#include "types/snapshotkind.h"

#include <QString>

namespace strata {

// One row of a layer stack: the folder as written, and what the snapshot store says it is.
struct LayerEntry
{
    QString folder;                          // as written in the config or mount
    QString key;                             // snapshot key; empty when not resolved
    SnapshotKind kind = SnapshotKind::Unknown;

    bool resolved() const { return !key.isEmpty(); }
    bool operator==(const LayerEntry &) const = default;
};

} // namespace strata
