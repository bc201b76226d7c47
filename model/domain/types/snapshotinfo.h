#pragma once

#include "types/snapshotkind.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// What containerd's Snapshots.Stat/List report for one snapshot.
struct SnapshotInfo
{
    QString key;
    QString parent; // empty for a base layer
    SnapshotKind kind = SnapshotKind::Unknown;
    QMap<QString, QString> labels;
    QDateTime created;
    QDateTime updated;
};

struct SnapshotUsage
{
    qint64 size = 0;
    qint64 inodes = 0;
};

} // namespace strata
