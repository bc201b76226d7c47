#pragma once

#include "types/snapshotkind.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// One snapshot as a snapshotter's metadata.db stores it (`v1/snapshots/<key>`).
struct SnapshotRecord
{
    QString key;       // the backend key, e.g. "default/12/sha256:..."
    QString namespaceName; // from a `<namespace>/<txid>/<name>` key; empty otherwise
    QString name;      // the user-facing part of such a key; the whole key otherwise
    quint64 id = 0;    // the numbered folder
    SnapshotKind kind = SnapshotKind::Unknown;
    QString parent;    // the parent's backend key; empty for a base layer
    QDateTime created; // UTC; invalid when not stored
    QDateTime updated;
    QMap<QString, QString> labels;
    qint64 size = 0;   // written on commit only
    qint64 inodes = 0;

    bool operator==(const SnapshotRecord &) const = default;
};

} // namespace strata
