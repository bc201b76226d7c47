#include "types/snapshotfolder.h"

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

QJsonArray SnapshotFolder::toJson(const QList<SnapshotFolder> &folders)
{
    QJsonArray a;
    for (const auto &f : folders)
        a << f.toJson();
    return a;
}

} // namespace strata
