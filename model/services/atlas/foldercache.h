#pragma once

#include "types/snapshotfolder.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

#include <optional>

namespace strata {

// Folder numbers already learnt, per snapshot key, for one namespace and snapshotter: a
// refresh or an event then costs no temporary view for what is known. An entry only counts
// while the snapshot keeps its parent; a removed key must be forgotten, since a new snapshot
// may reuse it with another folder. Thread-safe.
class FolderCache
{
public:
    std::optional<SnapshotFolder> find(const QString &key, const QString &parent) const;
    // Whatever is known about `key`, to walk a chain without asking containerd.
    std::optional<SnapshotFolder> entry(const QString &key) const;
    // Entries without a folder number are not stored.
    void store(const QList<SnapshotFolder> &folders);
    // Commit turns an active snapshot into a committed one in the same folder.
    void rename(const QString &from, const QString &to);
    void forget(const QString &key);
    int size() const;

private:
    mutable QMutex m_mutex;
    QHash<QString, SnapshotFolder> m_folders;
};

} // namespace strata
