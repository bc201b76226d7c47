#pragma once

#include "core/result.h"
#include "types/mount.h"
#include "types/snapshotinfo.h"

#include <QList>

#include <memory>

namespace strata {

class Client;

// containerd.services.snapshots.v1.Snapshots for one snapshotter.
class SnapshotsService
{
public:
    SnapshotsService(std::shared_ptr<const Client> client, QString snapshotter);

    const QString &snapshotter() const { return m_snapshotter; }

    Result<QList<SnapshotInfo>> list() const;
    Result<SnapshotInfo> stat(const QString &key) const;
    // Only Active and View snapshots have mounts; a Committed one answers FailedPrecondition
    // or NotFound depending on the snapshotter.
    Result<QList<Mount>> mounts(const QString &key) const;
    Result<SnapshotUsage> usage(const QString &key) const;
    Result<QList<Mount>> prepare(const QString &key, const QString &parent,
                                 const QMap<QString, QString> &labels = {}, const QString &lease = {}) const;
    Result<QList<Mount>> view(const QString &key, const QString &parent,
                              const QMap<QString, QString> &labels = {}, const QString &lease = {}) const;
    Status commit(const QString &name, const QString &key,
                  const QMap<QString, QString> &labels = {}, const QString &lease = {}) const;
    Status remove(const QString &key) const;

private:
    std::shared_ptr<const Client> m_client;
    QString m_snapshotter;
};

} // namespace strata
