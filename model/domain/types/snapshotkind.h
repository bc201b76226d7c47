#pragma once

#include <QString>

#include <optional>

namespace strata {

// Numbers match containerd's snapshots.v1.Kind and the snapshotter's bolt `kind` byte.
enum class SnapshotKind : int { Unknown = 0, View = 1, Active = 2, Committed = 3 };

// "view", "active", "committed" (or "unknown"): the words stratactl's JSON uses.
QString kindName(SnapshotKind kind);
std::optional<SnapshotKind> kindFromName(const QString &name);

} // namespace strata
