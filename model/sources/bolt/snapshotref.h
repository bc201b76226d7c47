#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// A user-facing snapshot name as containerd's metadata layer keeps it in meta.db
// (`v1/<namespace>/snapshots/<snapshotter>/<name>`), pointing at the snapshotter's key.
struct SnapshotRef
{
    QString namespaceName;
    QString snapshotter;
    QString name;       // what `ctr snapshots ls` shows
    QString backendKey; // the key in the snapshotter's metadata.db (field `name`)
    QString parent;     // the parent's user-facing name
    QMap<QString, QString> labels;
    QDateTime created; // UTC
    QDateTime updated;

    bool operator==(const SnapshotRef &) const = default;
};

} // namespace strata
