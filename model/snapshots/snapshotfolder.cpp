#include "snapshots/snapshotfolder.h"

namespace strata {

QJsonObject SnapshotFolder::toJson() const
{
    return QJsonObject{
        {QStringLiteral("key"), key},
        {QStringLiteral("parent"), parent},
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("id"), id},
        {QStringLiteral("path"), path},
    };
}

} // namespace strata
