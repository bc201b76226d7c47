#include "pull/imagepuller.h"

#include "client/imagesservice.h"
#include "client/leasesservice.h"
#include "client/snapshotsservice.h"
#include "images/imageunpacker.h"
#include "oci/descriptor.h"
#include "oci/imageconfig.h"
#include "oci/manifest.h"
#include "oci/manifestindex.h"
#include "oci/platformmatcher.h"
#include "pull/blobdownload.h"
#include "pull/downloadpool.h"
#include "registry/registryclient.h"
#include "registry/tokencache.h"
#include "types/imagereference.h"

#include <QMutex>
#include <QSet>

namespace strata {

namespace {

// Long enough for a slow pull; what a crash leaves goes when it expires.
constexpr std::chrono::hours kLeaseExpiry{1};
// Configs are small JSON; a larger "config" is not one.
constexpr qint64 kMaxConfig = 16 * 1024 * 1024;

RemoteObject remote(const Descriptor &d)
{
    return {d.mediaType, d.digest, d.size};
}

} // namespace

struct ImagePuller::Plan
{
    BlobDownload blobs;
    QMap<QString, QString> source; // containerd.io/distribution.source.<host> = repository
    QList<DownloadPool::Job> jobs;
    QSet<QString> queued;
    QList<ImageLayer> layers; // the chosen manifest's, base first
    QString configDigest;
    QString platform;
    std::shared_ptr<TokenCache> tokens; // one per pull, for all its registry clients

    void queue(const Descriptor &d, const QString &kind, int layer)
    {
        if (!queued.contains(d.digest)) {
            queued.insert(d.digest);
            jobs.append({remote(d), kind, layer, source});
        }
    }
};

ImagePuller::ImagePuller(std::shared_ptr<const Client> client, PullOptions options)
    : m_client(std::move(client))
    , m_options(std::move(options))
{
}

Result<PulledImage> ImagePuller::pull(const std::atomic_bool *cancel, const Progress &progress) const
{
    auto ref = ImageReference::parse(m_options.reference);
    if (!ref)
        return ref.error();
    QMutex one;
    const Progress serial = [&](const PullEvent &e) {
        QMutexLocker lock(&one);
        if (progress)
            progress(e);
    };
    serial({PullEvent::Stage::Resolving, QStringLiteral("image"), ref->name(), -1, 0, 0, {}});
    const auto tokens = std::make_shared<TokenCache>();
    RegistryClient registry(ref->apiHost(), ref->repository, m_options.registry, tokens);
    auto root = registry.resolve(ref->object());
    if (!root)
        return root.error();
    if (Descriptor::isSchema1Type(root->mediaType))
        return Error{Error::Unimplemented, QStringLiteral("%1 is a Docker schema 1 manifest, a format registries stopped "
                                                          "serving in 2019; Strata does not pull it").arg(ref->name()), Error::Origin::Registry};
    if (!Descriptor::isIndexType(root->mediaType) && !Descriptor::isManifestType(root->mediaType))
        return Error{Error::Unimplemented,
                     QStringLiteral("%1 is \"%2\", not an image index or manifest").arg(ref->name(), root->mediaType), Error::Origin::Registry};

    LeasesService leases(m_client);
    auto lease = leases.create(LeasesService::uniqueId(QStringLiteral("pull")), kLeaseExpiry);
    if (!lease)
        return lease.error();
    auto pulled = pullUnder(*ref, *root, registry, lease->id, cancel, serial);
    if (!pulled && pulled.error().is(Error::Cancelled))
        return Error{Error::Cancelled, QStringLiteral("the pull of %1 was cancelled: no image was recorded, and what was "
                                                      "downloaded stays only until lease %2 expires (an hour), so a new "
                                                      "pull resumes it").arg(ref->name(), lease->id)};
    // A failed pull waits for the collector, so the layers it did unpack are gone when it returns.
    leases.remove(lease->id, !pulled);
    return pulled;
}

Result<PulledImage> ImagePuller::pullUnder(const ImageReference &ref, const RemoteObject &root, RegistryClient &registry,
                                           const QString &lease, const std::atomic_bool *cancel,
                                           const Progress &progress) const
{
    Plan plan{BlobDownload(m_client, lease), {{QStringLiteral("containerd.io/distribution.source.") + ref.domain, ref.repository}},
              {}, {}, {}, {}, {}, registry.tokens()};
    const Status planned = Descriptor::isIndexType(root.mediaType) ? planIndex(plan, registry, root, progress)
                                                                   : planManifest(plan, registry, root, true, progress);
    if (!planned)
        return planned.error();
    auto layers = fetchAndUnpack(plan, ref, lease, cancel, progress);
    if (!layers)
        return layers.error();
    if (cancel && *cancel)
        return Error{Error::Cancelled, {}};
    auto record = ImagesService(m_client).put({ref.name(), root.mediaType, root.digest, root.size, {}, {}, {}, {}});
    if (!record)
        return record.error();
    return PulledImage{ref.name(), root.digest, root.mediaType, plan.platform, *layers, m_options.unpack};
}

Status ImagePuller::planIndex(Plan &plan, RegistryClient &registry, const RemoteObject &object, const Progress &progress) const
{
    auto bytes = registry.fetchManifest(object);
    if (!bytes)
        return bytes.error();
    auto index = ManifestIndex::parse(*bytes, object.mediaType);
    if (!index)
        return index.error();
    const PlatformMatcher matcher = m_options.platform ? PlatformMatcher(*m_options.platform) : PlatformMatcher::host();
    auto chosen = index->select(matcher);
    if (!chosen)
        return Error{chosen.error().code, QStringLiteral("%1: %2").arg(object.digest, chosen.error().message)};
    if (Descriptor::isIndexType(chosen->mediaType))
        return Error{Error::Unimplemented, QStringLiteral("%1 nests an index in an index, which Strata does not pull").arg(object.digest), Error::Origin::Registry};
    QList<Descriptor> manifests{*chosen};
    if (m_options.allPlatforms) {
        for (const Descriptor &m : index->manifests) {
            if (Descriptor::isManifestType(m.mediaType) && m.digest != chosen->digest)
                manifests << m;
        }
    }
    // As containerd's SetChildrenMappedLabels: one gc.ref per child fetched, numbered in order.
    QMap<QString, QString> labels = plan.source;
    for (int i = 0; i < manifests.size(); ++i)
        labels.insert(QStringLiteral("containerd.io/gc.ref.content.m.%1").arg(i), manifests.at(i).digest);
    for (int i = 0; i < manifests.size(); ++i) {
        if (auto done = planManifest(plan, registry, remote(manifests.at(i)), i == 0, progress); !done)
            return done;
    }
    // The index says which platform was chosen; a config may carry a looser description.
    if (chosen->platform)
        plan.platform = chosen->platform->normalized().toString();
    auto stored = plan.blobs.store(*bytes, object, QStringLiteral("index"), labels);
    if (!stored)
        return stored.error();
    progress({*stored ? PullEvent::Stage::Stored : PullEvent::Stage::AlreadyPresent, QStringLiteral("index"), object.digest,
              -1, bytes->size(), bytes->size(), {}});
    return success();
}

Status ImagePuller::planManifest(Plan &plan, RegistryClient &registry, const RemoteObject &object, bool chosen,
                                 const Progress &progress) const
{
    auto bytes = registry.fetchManifest(object);
    if (!bytes)
        return bytes.error();
    auto manifest = Manifest::parse(*bytes, object.mediaType);
    if (!manifest)
        return Error{manifest.error().code, QStringLiteral("%1: %2").arg(object.digest, manifest.error().message)};
    QMap<QString, QString> labels = plan.source;
    labels.insert(QStringLiteral("containerd.io/gc.ref.content.config"), manifest->config.digest);
    for (int i = 0; i < manifest->layers.size(); ++i) {
        const Descriptor &l = manifest->layers.at(i);
        if (!Descriptor::isLayerType(l.mediaType) || l.mediaType.contains(QLatin1String("foreign")) || !l.urls.isEmpty())
            return Error{Error::Unimplemented,
                         QStringLiteral("layer %1 of %2 is \"%3\"%4; Strata pulls only layers the registry itself serves")
                             .arg(i + 1)
                             .arg(object.digest, l.mediaType,
                                  l.urls.isEmpty() ? QString() : QStringLiteral(" from %1").arg(l.urls.constFirst())), Error::Origin::Registry};
        labels.insert(QStringLiteral("containerd.io/gc.ref.content.l.%1").arg(i), l.digest);
    }
    auto config = registry.fetchBlob(remote(manifest->config), kMaxConfig);
    if (!config)
        return config.error();
    if (auto stored = plan.blobs.store(*config, remote(manifest->config), QStringLiteral("config"), plan.source); !stored)
        return stored.error();
    if (auto stored = plan.blobs.store(*bytes, object, QStringLiteral("manifest"), labels); !stored)
        return stored.error();
    else
        progress({*stored ? PullEvent::Stage::Stored : PullEvent::Stage::AlreadyPresent, QStringLiteral("manifest"),
                  object.digest, -1, bytes->size(), bytes->size(), {}});
    if (chosen) {
        auto parsed = ImageConfig::parse(*config);
        if (!parsed)
            return Error{parsed.error().code, QStringLiteral("config %1: %2").arg(manifest->config.digest, parsed.error().message)};
        auto layers = ImageLayer::fromImage(*manifest, *parsed);
        if (!layers)
            return layers.error();
        plan.layers = *layers;
        plan.configDigest = manifest->config.digest;
        plan.platform = parsed->platform().normalized().toString();
    }
    for (int i = 0; i < manifest->layers.size(); ++i)
        plan.queue(manifest->layers.at(i), QStringLiteral("layer"), chosen ? i : -1);
    return success();
}

Result<QList<PulledImage::Layer>> ImagePuller::fetchAndUnpack(Plan &plan, const ImageReference &ref, const QString &lease,
                                                              const std::atomic_bool *cancel, const Progress &progress) const
{
    // As containerd's unpacker: layers under the first chainID not yet committed are neither
    // fetched nor extracted again.
    int firstMissing = 0;
    SnapshotsService snapshots(m_client, m_options.snapshotter);
    if (m_options.unpack) {
        for (; firstMissing < plan.layers.size(); ++firstMissing) {
            auto present = snapshots.stat(plan.layers.at(firstMissing).chainId);
            if (!present && present.error().is(Error::NotFound))
                break;
            if (!present)
                return present.error();
        }
    }
    QList<PulledImage::Layer> out;
    for (int i = 0; i < firstMissing; ++i) {
        const ImageLayer &l = plan.layers.at(i);
        out.append({l, true});
        progress({PullEvent::Stage::AlreadyPresent, QStringLiteral("layer"), l.digest, i, l.size, l.size, l.chainId});
    }
    QList<DownloadPool::Job> jobs;
    QHash<int, int> jobOfLayer;
    for (const auto &job : std::as_const(plan.jobs)) {
        if (job.layer >= 0 && job.layer < firstMissing)
            continue;
        if (job.layer >= 0)
            jobOfLayer.insert(job.layer, int(jobs.size()));
        jobs << job;
    }
    auto registryFactory = [&ref, this, tokens = plan.tokens] {
        return std::make_unique<RegistryClient>(ref.apiHost(), ref.repository, m_options.registry, tokens);
    };
    DownloadPool pool(m_client, lease, registryFactory, progress, cancel);
    pool.start(jobs, m_options.maxConcurrentDownloads);
    const ImageUnpacker unpacker(m_client, m_options.snapshotter);
    for (int i = firstMissing; i < plan.layers.size(); ++i) {
        const ImageLayer &l = plan.layers.at(i);
        auto stored = pool.waitFor(jobOfLayer.value(i));
        if (!stored)
            return stored.error();
        if (!m_options.unpack) {
            out.append({l, !*stored});
            continue;
        }
        if (cancel && *cancel)
            return Error{Error::Cancelled, {}};
        progress({PullEvent::Stage::Unpacking, QStringLiteral("layer"), l.digest, i, 0, l.size, l.chainId});
        auto made = unpacker.unpackLayer(l, i == 0 ? QString() : plan.layers.at(i - 1).chainId, lease, {});
        if (!made)
            return made.error();
        out.append({l, !*made});
        progress({*made ? PullEvent::Stage::Unpacked : PullEvent::Stage::AlreadyPresent, QStringLiteral("layer"), l.digest, i,
                  l.size, l.size, l.chainId});
    }
    if (auto all = pool.finish(); !all)
        return all.error();
    if (m_options.unpack && !plan.layers.isEmpty()) {
        if (auto labelled = unpacker.labelConfig(plan.configDigest, plan.layers.constLast().chainId); !labelled)
            return labelled.error();
    }
    return out;
}

} // namespace strata
