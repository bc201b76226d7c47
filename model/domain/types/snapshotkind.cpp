#include "types/snapshotkind.h"

namespace strata {

QString kindName(SnapshotKind kind)
{
    switch (kind) {
    case SnapshotKind::View: return QStringLiteral("view");
    case SnapshotKind::Active: return QStringLiteral("active");
    case SnapshotKind::Committed: return QStringLiteral("committed");
    case SnapshotKind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

std::optional<SnapshotKind> kindFromName(const QString &name)
{
    for (auto k : {SnapshotKind::View, SnapshotKind::Active, SnapshotKind::Committed, SnapshotKind::Unknown}) {
        if (name.compare(kindName(k), Qt::CaseInsensitive) == 0)
            return k;
    }
    return std::nullopt;
}

} // namespace strata
