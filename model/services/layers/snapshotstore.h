#pragma once

#include "core/result.h"
#include "types/snapshotfolder.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QStringList>

namespace strata {

// The snapshots of one snapshotter with their folders, indexed by key and by folder path.
// Built from the API or an offline metadata.db (a QList<SnapshotFolder> either way), or from
// the readable text form used by fixtures and offline checks.
class SnapshotStore
{
public:
    SnapshotStore() = default;
    explicit SnapshotStore(QList<SnapshotFolder> folders);

    // One snapshot per line, `key parent kind id path`, whitespace separated; the path is the
    // rest of the line. `-` stands for an empty parent, id or path; `#` starts a comment line.
    static Result<SnapshotStore> fromText(const QString &text);
    // The array `stratactl folders --json` prints (SnapshotFolder::toJson objects).
    static Result<SnapshotStore> fromJson(const QJsonArray &rows);

    const QList<SnapshotFolder> &folders() const { return m_folders; }
    const SnapshotFolder *find(const QString &key) const;
    // Tolerant of separators, trailing separators, an overlay `/fs` suffix and, for Windows
    // paths, case.
    const SnapshotFolder *findByPath(const QString &path) const;

    // The parents of `key`, nearest first. Ends with the first parent the store does not hold
    // (so callers can name it), or before a cycle, which only a corrupt store can have.
    QStringList parentKeys(const QString &key) const;
    // Active snapshots whose direct parent is `key`: the scratches that could follow it.
    QList<SnapshotFolder> activeChildren(const QString &key) const;
    // The normalized folder that holds the numbered snapshot folders, when all agree.
    QString snapshotsDir() const { return m_snapshotsDir; }

private:
    QList<SnapshotFolder> m_folders;
    QHash<QString, qsizetype> m_byKey;
    QHash<QString, qsizetype> m_byPath;
    QString m_snapshotsDir;
};

} // namespace strata
