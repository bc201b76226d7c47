#pragma once

#include "core/result.h"
#include "oci/platform.h"

#include <QMap>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace strata {

class Client;
struct Descriptor;

struct ExportOptions
{
    QString file;
    QStringList names;
    std::optional<Platform> platform; // the host's when not set
    bool allPlatforms = false;        // every manifest of an index, not only the chosen one's
};

// Writes images as `ctr images export` does: an OCI image layout (oci-layout, index.json
// naming each image, blobs/<alg>/<hex>) with docker's manifest.json beside it, so that
// `ctr images import`, `skopeo copy oci-archive:` and `docker load` all read it. Of an index
// only the chosen platform's content goes in unless all are asked for. Every blob is checked
// against its digest as it is copied; the file appears whole or not at all. Blocks.
class ImageExporter
{
public:
    // Bytes written of the blobs' total.
    using Progress = std::function<void(qint64 written, qint64 total)>;

    ImageExporter(std::shared_ptr<const Client> client, ExportOptions options);

    Status exportTo(const std::atomic_bool *cancel, const Progress &progress) const;

private:
    struct Plan;
    Status planImage(Plan &plan, const QString &name) const;
    Status planManifest(Plan &plan, const Descriptor &manifest, const QString &name, bool docker) const;
    Status write(const Plan &plan, const QString &path, const std::atomic_bool *cancel, const Progress &progress) const;

    std::shared_ptr<const Client> m_client;
    ExportOptions m_options;
};

} // namespace strata
