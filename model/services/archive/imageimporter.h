#pragma once

#include "archive/archiveimage.h"
#include "core/result.h"
#include "images/imageunpacker.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Client;
struct ArchiveContents;

// What `stratactl import` and the Import action ask for.
struct ImportOptions
{
    QString file;
    // Prefix for an OCI ref name that is only a tag (`latest` becomes `<baseName>:latest`);
    // empty gives `import-<date>`, as ctr does.
    QString baseName;
    bool unpack = true;
    QString snapshotter = QStringLiteral("overlayfs");
};

struct ImportedImage
{
    QString name;
    Descriptor target;
    bool unpacked = false;
    QString notUnpacked; // why not, when asked to unpack and it could not be (no content for this host)
    QList<ImageUnpacker::Layer> layers;
};

// Imports an OCI image layout archive (as `ctr images export`, `skopeo copy oci-archive:` and
// docker 25's `docker save` write it) or a classic `docker save` archive: blobs streamed into
// the content store under a lease, every image the archive names checked to be whole and given
// the labels that keep its content, only then the image records, then the unpack. A corrupt or
// truncated archive creates no record and leaves nothing once the lease is gone. Blocks; run it
// off the GUI thread.
class ImageImporter
{
public:
    // Bytes of the archive read so far; then each layer as it is unpacked.
    struct Progress
    {
        std::function<void(qint64 read, qint64 total)> reading;
        ImageUnpacker::Progress unpacking;
    };

    ImageImporter(std::shared_ptr<const Client> client, ImportOptions options);

    Result<QList<ImportedImage>> import(const std::atomic_bool *cancel, const Progress &progress) const;

private:
    Result<QList<ImportedImage>> importUnder(const QString &lease, const std::atomic_bool *cancel,
                                             const Progress &progress) const;
    Result<QList<ArchiveImage>> ociImages(const ArchiveContents &contents) const;
    // The target's blob and everything it needs are in the store; labels them for the collector.
    Status checkAndLabel(const QString &name, const Descriptor &target, int depth) const;
    Status unpack(ImportedImage &image, const std::atomic_bool *cancel, const Progress &progress) const;

    std::shared_ptr<const Client> m_client;
    ImportOptions m_options;
};

} // namespace strata
