#pragma once

#include "bolt/snapshotrecord.h"
#include "bolt/snapshotref.h"

#include <QList>
#include <QString>

#include <optional>

namespace strata {

class MetadataDb;
class SnapshotterDb;

// Which snapshots a store holds for one namespace and snapshotter, under the names users know,
// each with the snapshotter's record of it: the one rule stratactl's folder list and the
// offline atlas both read a containerd root by.
class SnapshotJoin
{
public:
    struct Row
    {
        QString name;   // what `ctr snapshots ls` shows (the backend key when no namespace)
        QString parent; // in the same terms
        const SnapshotRecord *record = nullptr; // null: meta.db names it, the snapshotter does not
        std::optional<SnapshotRef> ref;         // empty: read without meta.db
    };

    // No namespace: every record of `db` under its own key. With meta.db: the namespace's names
    // for `snapshotter`, with their records when `db` (may be null) has them. Without meta.db:
    // the namespace's records under the names their `<namespace>/<txid>/<name>` keys carry.
    // `record` points into `db`, which must outlive the rows.
    static QList<Row> rows(const SnapshotterDb *db, const MetadataDb *meta, const QString &namespaceName,
                           const QString &snapshotter);
};

} // namespace strata
