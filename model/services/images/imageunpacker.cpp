#include "images/imageunpacker.h"

#include "client/contentservice.h"
#include "client/diffservice.h"
#include "client/leasesservice.h"
#include "client/snapshotsservice.h"


namespace strata {

namespace {

// As long as the slowest layer could take; removed at the end in any case.
constexpr std::chrono::hours kLeaseExpiry{1};

} // namespace

ImageUnpacker::ImageUnpacker(std::shared_ptr<const Client> client, QString snapshotter)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
{
}

Status ImageUnpacker::checkBlobs(const ResolvedImage &image) const
{
    ContentService content(m_client);
    for (const ImageLayer &layer : image.layers) {
        auto info = content.info(layer.digest);
        if (info)
            continue;
        if (!info.error().is(Error::NotFound))
            return info.error();
        return Error{Error::NotFound,
                     QStringLiteral("layer %1 of %2 (%3) is not in the content store, so it cannot be unpacked; "
                                    "pull or import the image again")
                         .arg(layer.position + 1)
                         .arg(image.name, layer.digest)};
    }
    return success();
}

Result<QList<ImageUnpacker::Layer>> ImageUnpacker::unpack(const ResolvedImage &image, const std::atomic_bool *cancel,
                                                         const Progress &progress) const
{
    if (image.layers.isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("%1 has no layers to unpack").arg(image.name)};
    if (auto blobs = checkBlobs(image); !blobs)
        return blobs.error();
    LeasesService leases(m_client);
    auto lease = leases.create(LeasesService::uniqueId(QStringLiteral("unpack")), kLeaseExpiry);
    if (!lease)
        return lease.error();
    const auto result = [&]() -> Result<QList<Layer>> {
        QList<Layer> layers;
        QString parent;
        for (const ImageLayer &layer : image.layers) {
            if (cancel && *cancel)
                return Error{Error::Cancelled, QStringLiteral("unpacking %1 was cancelled").arg(image.name)};
            auto made = unpackLayer(layer, parent, lease->id, progress);
            if (!made)
                return made.error();
            layers.append({layer, !*made});
            if (progress)
                progress(layer, true);
            parent = layer.chainId;
        }
        if (auto labelled = labelConfig(image.configDigest, image.topChainId()); !labelled)
            return labelled.error();
        return layers;
    }();
    leases.remove(lease->id); // what is committed is referenced by now; the rest may go
    return result;
}

Status ImageUnpacker::labelConfig(const QString &configDigest, const QString &topChainId) const
{
    return ContentService(m_client).setLabels(configDigest,
                                              {{QStringLiteral("containerd.io/gc.ref.snapshot.") + m_snapshotter, topChainId}});
}

Result<bool> ImageUnpacker::unpackLayer(const ImageLayer &layer, const QString &parent, const QString &lease,
                                        const Progress &progress) const
{
    SnapshotsService snapshots(m_client, m_snapshotter);
    if (auto present = snapshots.stat(layer.chainId); present)
        return false;
    else if (!present.error().is(Error::NotFound))
        return present.error();
    if (progress)
        progress(layer, false);
    const QMap<QString, QString> labels{{QStringLiteral("containerd.io/snapshot.ref"), layer.chainId}};
    const QString key = QStringLiteral("extract-%1 %2").arg(LeasesService::uniqueId(QStringLiteral("extract")), layer.chainId);
    auto mounts = snapshots.prepare(key, parent, labels, lease);
    if (!mounts) {
        // Another unpacker committed it meanwhile.
        if (mounts.error().is(Error::AlreadyExists) && snapshots.stat(layer.chainId))
            return false;
        return mounts.error();
    }
    auto abort = [&](const Error &error) -> Result<bool> {
        snapshots.remove(key);
        return error;
    };
    auto applied = DiffService(m_client).apply({layer.mediaType, layer.digest, layer.size}, *mounts, lease);
    if (!applied)
        return abort(applied.error());
    if (*applied != layer.diffId)
        return abort(Error{Error::DataLoss, QStringLiteral("layer %1 (%2) unpacks to %3, but the image config says %4; "
                                                           "its content is not what the image was built from")
                                                .arg(layer.position + 1)
                                                .arg(layer.digest, *applied, layer.diffId)});
    if (auto committed = snapshots.commit(layer.chainId, key, labels, lease); !committed) {
        snapshots.remove(key);
        if (!committed.error().is(Error::AlreadyExists))
            return committed.error();
        return false;
    }
    auto labelled = ContentService(m_client).setLabels(layer.digest, {{QStringLiteral("containerd.io/uncompressed"), layer.diffId}});
    if (!labelled)
        return labelled.error();
    return true;
}

} // namespace strata
