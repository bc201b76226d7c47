#pragma once

#include "core/result.h"
#include "types/imagerecord.h"
#include "oci/imagelayer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace strata {

class Client;
class PlatformMatcher;

// What an image is made of, read from containerd's content store: the target (an index or a
// manifest), the manifest chosen for the host platform, the config and the layers with their
// chainIDs, base to top.
struct ResolvedImage
{
    QString name;
    QString targetDigest;
    QString targetMediaType;
    QString manifestDigest;
    QByteArray manifest;
    QString configDigest;
    QByteArray config;
    QString platform;           // os/arch[/variant] of the chosen manifest
    QStringList platforms;      // every platform an index offers (just the one for a manifest)
    QList<ImageLayer> layers;   // base first
    qint64 size = 0;            // config + layers as stored (compressed)

    // The committed snapshot the image's rootfs is prepared on.
    QString topChainId() const { return layers.isEmpty() ? QString() : layers.constLast().chainId; }
};

class ImageResolver
{
public:
    // Content by digest: containerd's Content service, or a content store on disk.
    using BlobReader = std::function<Result<QByteArray>(const QString &digest)>;

    explicit ImageResolver(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // For the host's platform, through containerd.
    Result<ResolvedImage> resolve(const QString &imageName) const;
    // Any image record, blobs from `read`, the manifest chosen for `platform`.
    static Result<ResolvedImage> resolve(const ImageRecord &record, const BlobReader &read, const PlatformMatcher &platform);
    // Just the layers, base first.
    Result<QList<ImageLayer>> layers(const QString &imageName) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
