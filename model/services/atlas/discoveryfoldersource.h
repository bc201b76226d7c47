#pragma once

#include "atlas/atlasfoldersource.h"

#include <QString>

#include <memory>

namespace strata {

class Client;

// Folder numbers from the snapshotter's metadata.db when this host can read it, else through
// the API (FolderDiscovery's one temporary view per chain tip).
class DiscoveryFolderSource : public AtlasFolderSource
{
public:
    DiscoveryFolderSource(std::shared_ptr<const Client> client, QString snapshotter);

    Result<QList<SnapshotFolder>> folders(const QList<SnapshotInfo> &snapshots) override;

private:
    std::shared_ptr<const Client> m_client;
    QString m_snapshotter;
};

} // namespace strata
