#include "bolt/snapshotjoin.h"

#include "bolt/metadatadb.h"
#include "bolt/snapshotterdb.h"

namespace strata {

QList<SnapshotJoin::Row> SnapshotJoin::rows(const SnapshotterDb *db, const MetadataDb *meta, const QString &namespaceName,
                                            const QString &snapshotter)
{
    QList<Row> out;
    if (namespaceName.isEmpty()) {
        if (db) {
            for (const auto &r : db->records())
                out.append(Row{r.key, r.parent, &r, std::nullopt});
        }
        return out;
    }
    if (meta) {
        // A name whose backend record is gone (mid-GC, or a copy without it) still shows.
        for (const auto &ref : meta->snapshots(namespaceName, snapshotter))
            out.append(Row{ref.name, ref.parent, db ? db->find(ref.backendKey) : nullptr, ref});
        return out;
    }
    if (db) {
        for (const auto &r : db->records()) {
            if (r.namespaceName != namespaceName)
                continue;
            const SnapshotRecord *parent = db->find(r.parent);
            out.append(Row{r.name, parent && parent->namespaceName == namespaceName ? parent->name : r.parent, &r, std::nullopt});
        }
    }
    return out;
}

} // namespace strata
