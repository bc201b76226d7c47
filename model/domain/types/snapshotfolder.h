#pragma once

#include "types/snapshotkind.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace strata {

// A snapshot with the numbered folder it lives in: the row of `stratactl folders`, and what the
// layer rules validate against, whether it came from the API or from metadata.db.
struct SnapshotFolder
{
    QString key;
    QString parent;
    SnapshotKind kind = SnapshotKind::Unknown;
    QString id;   // folder number as text; empty when unknown
    QString path; // absolute folder path (.../snapshots/N); empty when unknown
    // For people, not part of the JSON: where the number was read ("metadata.db at …", "the
    // containerd API …"), since the two can disagree about a snapshot made in between.
    QString source;

    // {"key","parent","kind","id","path"}: the stable JSON shape of `stratactl folders --json`.
    QJsonObject toJson() const;
    static QJsonArray toJson(const QList<SnapshotFolder> &folders);

    bool operator==(const SnapshotFolder &) const = default;
};

} // namespace strata
