#include "archive/imageimporter.h"

#include "archive/archivecontents.h"
#include "archive/archiveingest.h"
#include "archive/dockerarchive.h"
#include "client/contentservice.h"
#include "client/imagesservice.h"
#include "client/leasesservice.h"
#include "oci/imageresolver.h"
#include "oci/manifest.h"
#include "oci/manifestindex.h"

#include <QDate>
#include <QFileInfo>
#include <QRegularExpression>

namespace strata {

namespace {

constexpr std::chrono::hours kLeaseExpiry{1};
const QString kImageName = QStringLiteral("io.containerd.image.name");
const QString kRefName = QStringLiteral("org.opencontainers.image.ref.name");

Error lacks(const QString &name, const QString &what, const QString &digest)
{
    return Error{Error::Corrupt, QStringLiteral("the archive names %1 but lacks its %2 %3").arg(name, what, digest)};
}

} // namespace

ImageImporter::ImageImporter(std::shared_ptr<const Client> client, ImportOptions options)
    : m_client(std::move(client))
    , m_options(std::move(options))
{
}

Result<QList<ImportedImage>> ImageImporter::import(const std::atomic_bool *cancel, const Progress &progress) const
{
    if (!QFileInfo(m_options.file).isFile())
        return Error{Error::Io, QStringLiteral("%1 is not a file").arg(m_options.file)};
    LeasesService leases(m_client);
    auto lease = leases.create(LeasesService::uniqueId(QStringLiteral("import")), kLeaseExpiry);
    if (!lease)
        return lease.error();
    auto imported = importUnder(lease->id, cancel, progress);
    if (!imported && imported.error().is(Error::Cancelled) && imported.error().message.isEmpty())
        imported = Error{Error::Cancelled, QStringLiteral("the import of %1 was cancelled: no image was recorded").arg(m_options.file)};
    // A failed import waits for the collector, so what it stored is gone when it returns.
    leases.remove(lease->id, !imported);
    return imported;
}

Result<QList<ImportedImage>> ImageImporter::importUnder(const QString &lease, const std::atomic_bool *cancel,
                                                        const Progress &progress) const
{
    auto contents = ArchiveIngest(m_client, lease).read(m_options.file, cancel, progress.reading);
    if (!contents)
        return contents.error();
    auto named = !contents->layoutVersion.isEmpty() ? ociImages(*contents)
                 : !contents->dockerManifest.isEmpty()
                     ? DockerArchive(m_client, lease).images(*contents)
                     : Result<QList<ArchiveImage>>(Error{Error::Corrupt, QStringLiteral("%1 has neither oci-layout nor manifest.json: "
                                                                                   "it is not an image archive").arg(m_options.file)});
    if (!named)
        return Error{named.error().code, QStringLiteral("%1: %2").arg(m_options.file, named.error().message)};
    if (named->isEmpty())
        return Error{Error::FailedPrecondition,
                     QStringLiteral("%1 names no image (no io.containerd.image.name, org.opencontainers.image.ref.name or "
                                    "RepoTags), so nothing would keep its content").arg(m_options.file)};
    for (const ArchiveImage &image : *named) {
        if (auto checked = checkAndLabel(image.name, image.target, 0); !checked)
            return Error{checked.error().code, QStringLiteral("%1: %2").arg(m_options.file, checked.error().message)};
    }
    if (cancel && *cancel)
        return Error{Error::Cancelled, {}};
    QList<ImportedImage> out;
    for (const ArchiveImage &image : *named) {
        const Descriptor &t = image.target;
        if (auto record = ImagesService(m_client).put({image.name, t.mediaType, t.digest, t.size, {}, {}, {}, {}}); !record)
            return record.error();
        out.append({image.name, t, false, {}, {}});
    }
    if (!m_options.unpack)
        return out;
    for (ImportedImage &image : out) {
        if (auto unpacked = unpack(image, cancel, progress); !unpacked)
            return unpacked.error();
    }
    return out;
}

Result<QList<ArchiveImage>> ImageImporter::ociImages(const ArchiveContents &contents) const
{
    if (contents.layoutVersion != QLatin1String("1.0.0"))
        return Error{Error::Unimplemented, QStringLiteral("it is an OCI layout of version %1; Strata reads version 1.0.0")
                                               .arg(contents.layoutVersion)};
    if (contents.index.isEmpty())
        return Error{Error::Corrupt, QStringLiteral("it has an oci-layout file but no index.json")};
    auto index = ManifestIndex::parse(contents.index, QStringLiteral("application/vnd.oci.image.index.v1+json"));
    if (!index)
        return Error{Error::Corrupt, QStringLiteral("index.json: %1").arg(index.error().message)};
    const QString base = m_options.baseName.isEmpty()
                             ? QStringLiteral("import-%1").arg(QDate::currentDate().toString(Qt::ISODate))
                             : m_options.baseName;
    QList<ArchiveImage> out;
    for (const Descriptor &m : index->manifests) {
        QString name = m.annotations.value(kImageName);
        if (name.isEmpty()) {
            // As ctr: a bare tag is put under the base name; a whole reference is kept.
            name = m.annotations.value(kRefName);
            if (!name.isEmpty() && !name.contains(QRegularExpression(QStringLiteral("[/:@]"))))
                name = base + QLatin1Char(':') + name;
        }
        if (!name.isEmpty())
            out.append({name, m});
    }
    return out;
}

Status ImageImporter::checkAndLabel(const QString &name, const Descriptor &target, int depth) const
{
    const ContentService content(m_client);
    if (auto info = content.info(target.digest); !info)
        return info.error().is(Error::NotFound) ? lacks(name, QStringLiteral("manifest"), target.digest) : Status(info.error());
    auto bytes = content.read(target.digest);
    if (!bytes)
        return bytes.error();
    QMap<QString, QString> labels;
    if (Descriptor::isIndexType(target.mediaType)) {
        auto index = ManifestIndex::parse(*bytes, target.mediaType);
        if (!index)
            return Error{Error::Corrupt, QStringLiteral("%1's index %2: %3").arg(name, target.digest, index.error().message)};
        // Another platform's manifest is often left out (ctr exports the host's alone); only
        // what is there is kept, and at least one must be.
        for (const Descriptor &m : index->manifests) {
            if (!content.info(m.digest) || depth > 1)
                continue;
            if (auto checked = checkAndLabel(name, m, depth + 1); !checked)
                return checked;
            labels.insert(QStringLiteral("containerd.io/gc.ref.content.m.%1").arg(labels.size()), m.digest);
        }
        if (labels.isEmpty())
            return lacks(name, QStringLiteral("manifests of index"), target.digest);
    } else if (Descriptor::isManifestType(target.mediaType)) {
        auto manifest = Manifest::parse(*bytes, target.mediaType);
        if (!manifest)
            return Error{Error::Corrupt, QStringLiteral("%1's manifest %2: %3").arg(name, target.digest, manifest.error().message)};
        if (!content.info(manifest->config.digest))
            return lacks(name, QStringLiteral("config"), manifest->config.digest);
        labels.insert(QStringLiteral("containerd.io/gc.ref.content.config"), manifest->config.digest);
        for (int i = 0; i < manifest->layers.size(); ++i) {
            if (!content.info(manifest->layers.at(i).digest))
                return lacks(name, QStringLiteral("layer %1").arg(i + 1), manifest->layers.at(i).digest);
            labels.insert(QStringLiteral("containerd.io/gc.ref.content.l.%1").arg(i), manifest->layers.at(i).digest);
        }
    } else {
        return Error{Error::Unimplemented, QStringLiteral("%1 is \"%2\", not an image index or manifest").arg(name, target.mediaType)};
    }
    return content.setLabels(target.digest, labels);
}

Status ImageImporter::unpack(ImportedImage &image, const std::atomic_bool *cancel, const Progress &progress) const
{
    auto resolved = ImageResolver(m_client).resolve(image.name);
    if (!resolved && resolved.error().is(Error::NotFound)) {
        image.notUnpacked = resolved.error().message;
        return success();
    }
    if (!resolved)
        return resolved.error();
    auto layers = ImageUnpacker(m_client, m_options.snapshotter).unpack(*resolved, cancel, progress.unpacking);
    if (!layers)
        return Error{layers.error().code, QStringLiteral("%1 is imported but not unpacked (stratactl unpack %1 tries again): %2")
                                              .arg(image.name, layers.error().message)};
    image.layers = *layers;
    image.unpacked = true;
    return success();
}

} // namespace strata
