#pragma once

#include "archive/archivecontents.h"
#include "archive/archiveimage.h"
#include "core/result.h"

#include <QList>

#include <memory>

namespace strata {

class Client;

// The images of a `docker save` archive, which has no index: its manifest.json lists, per
// image, the config's and the layers' paths and the names (RepoTags). As containerd's importer
// does, each entry becomes a Docker v2 manifest written to the content store, the layers' media
// types read from their first bytes, the platform from the config.
class DockerArchive
{
public:
    DockerArchive(std::shared_ptr<const Client> client, QString lease);

    // One image per RepoTag, names normalised (busybox:latest is docker.io/library/busybox:latest).
    Result<QList<ArchiveImage>> images(const ArchiveContents &contents) const;

private:
    Result<Descriptor> writeManifest(const ArchiveContents &contents, const QString &configPath,
                                     const QStringList &layerPaths) const;

    std::shared_ptr<const Client> m_client;
    QString m_lease;
};

} // namespace strata
