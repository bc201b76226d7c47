#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QMimeData;

namespace strata {

// The drag payload between snapshot lists (the atlas tree) and layer stacks (the editor).
// A folder path alone cannot say which store it belongs to, and the atlas may not know a
// snapshot's folder yet, so each item carries snapshotter, key and path (path may be empty).
class SnapshotMime
{
public:
    static inline const QString Type = QStringLiteral("application/x-strata-snapshot");

    struct Item
    {
        QString snapshotter;
        QString key;
        QString path;
        bool operator==(const Item &) const = default;
    };

    // A JSON array of {"snapshotter","key","path"} objects.
    static QByteArray encode(const QList<Item> &items);
    static Result<QList<Item>> decode(const QByteArray &bytes);

    // Our type plus text/plain (the known paths, one per line) so plain-text targets get paths.
    static QMimeData *toMimeData(const QList<Item> &items);
    // Our type when present; otherwise text/plain paths (one per line) or file URLs, as items
    // with only a path. Empty when the data holds nothing usable.
    static QList<Item> fromMimeData(const QMimeData *data);
    static bool canDecode(const QMimeData *data);
};

} // namespace strata
