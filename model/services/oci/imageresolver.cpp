#include "oci/imageresolver.h"

#include "client/client.h"
#include "client/contentservice.h"
#include "client/imagesservice.h"
#include "oci/descriptor.h"
#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/manifestindex.h"
#include "oci/platformmatcher.h"

namespace strata {

namespace {

// Indexes may nest (an index of indexes); real images go one level deep.
constexpr int kMaxIndexDepth = 4;

} // namespace

Result<ResolvedImage> ImageResolver::resolve(const QString &imageName) const
{
    auto record = ImagesService(m_client).get(imageName);
    if (!record && record.error().is(Error::NotFound))
        return Error{Error::NotFound, QStringLiteral("no image \"%1\" in namespace \"%2\"; stratactl images (or the Images "
                                                     "page) lists the images there, and --namespace picks another")
                                          .arg(imageName, m_client->ns())};
    if (!record)
        return record.error();
    ContentService content(m_client);
    return resolve(*record, [&content](const QString &digest) { return content.read(digest); }, PlatformMatcher::host());
}

Result<ResolvedImage> ImageResolver::resolve(const ImageRecord &record, const BlobReader &read, const PlatformMatcher &platform)
{
    const QString &imageName = record.name;
    ResolvedImage image;
    image.name = record.name;
    image.targetDigest = record.digest;
    image.targetMediaType = record.mediaType;

    QString digest = record.digest;
    QString mediaType = record.mediaType;
    for (int depth = 0; Descriptor::isIndexType(mediaType); ++depth) {
        if (depth == kMaxIndexDepth)
            return Error{Error::Corrupt, QStringLiteral("%1: indexes nest deeper than %2 levels").arg(imageName).arg(kMaxIndexDepth)};
        auto bytes = read(digest);
        if (!bytes)
            return bytes.error();
        auto index = ManifestIndex::parse(*bytes, mediaType);
        if (!index)
            return index.error();
        if (depth == 0) {
            for (const auto &m : index->manifests) {
                if (m.platform)
                    image.platforms << m.platform->normalized().toString();
            }
        }
        auto chosen = index->select(platform);
        if (!chosen)
            return Error{chosen.error().code, QStringLiteral("%1: %2").arg(imageName, chosen.error().message)};
        digest = chosen->digest;
        mediaType = chosen->mediaType;
    }

    auto manifestBytes = read(digest);
    if (!manifestBytes)
        return manifestBytes.error();
    auto manifest = Manifest::parse(*manifestBytes, mediaType);
    if (!manifest)
        return Error{manifest.error().code, QStringLiteral("%1: %2").arg(imageName, manifest.error().message)};
    auto configBytes = read(manifest->config.digest);
    if (!configBytes)
        return configBytes.error();
    auto config = ImageConfig::parse(*configBytes);
    if (!config)
        return Error{config.error().code, QStringLiteral("%1: %2").arg(imageName, config.error().message)};
    auto layers = ImageLayer::fromImage(*manifest, *config);
    if (!layers)
        return Error{layers.error().code, QStringLiteral("%1: %2").arg(imageName, layers.error().message)};

    image.manifestDigest = digest;
    image.manifest = *manifestBytes;
    image.configDigest = manifest->config.digest;
    image.config = *configBytes;
    image.platform = config->platform().normalized().toString();
    if (image.platforms.isEmpty())
        image.platforms << image.platform;
    image.layers = *layers;
    image.size = manifest->config.size;
    for (const auto &l : image.layers)
        image.size += l.size;
    return image;
}

Result<QList<ImageLayer>> ImageResolver::layers(const QString &imageName) const
{
    auto image = resolve(imageName);
    if (!image)
        return image.error();
    return image->layers;
}

} // namespace strata
