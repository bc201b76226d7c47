#include "images/imagesummary.h"

#include "client/contentservice.h"
#include "client/snapshotsservice.h"
#include "oci/imageresolver.h"
#include "oci/platformmatcher.h"

namespace strata {

ImageSummary ImageSummary::load(const std::shared_ptr<const Client> &client, const ImageRecord &record,
                                const QString &snapshotter)
{
    ImageSummary summary;
    summary.record = record;
    ContentService content(client);
    auto resolved = ImageResolver::resolve(
        record, [&content](const QString &digest) { return content.read(digest); }, PlatformMatcher::host());
    if (!resolved) {
        summary.problem = resolved.error().message;
        return summary;
    }
    summary.size = resolved->size;
    summary.platforms = resolved->platforms;
    summary.layers = int(resolved->layers.size());
    summary.topChainId = resolved->topChainId();
    // Each snapshot's usage is its own layer's files, so the image's is their sum.
    SnapshotsService snapshots(client, snapshotter);
    qint64 unpacked = 0;
    for (const ImageLayer &layer : resolved->layers) {
        auto usage = snapshots.usage(layer.chainId);
        if (!usage)
            return summary;
        unpacked += usage->size;
    }
    summary.unpacked = unpacked;
    return summary;
}

QList<ImageSummary> ImageSummary::loadAll(const std::shared_ptr<const Client> &client, const QList<ImageRecord> &records,
                                          const QString &snapshotter)
{
    QList<ImageSummary> out;
    out.reserve(records.size());
    for (const ImageRecord &record : records)
        out << load(client, record, snapshotter);
    return out;
}

} // namespace strata
