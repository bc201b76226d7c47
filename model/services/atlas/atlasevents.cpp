#include "atlas/atlasevents.h"

#include "atlas/atlasloader.h"
#include "atlas/foldercache.h"
#include "client/client.h"
#include "client/eventenvelope.h"
#include "client/snapshotsservice.h"
#include "snapshots/temporaryview.h"

namespace strata {

QStringList AtlasEvents::topics()
{
    return {QStringLiteral("/snapshot/"), QStringLiteral("/images/")};
}

QList<AtlasChange> AtlasEvents::changesFor(const EventEnvelope &e, const std::shared_ptr<const Client> &client,
                                            const QString &snapshotter, FolderCache &cache)
{
    // containerd 1.6 does not name the snapshotter in snapshot events (later versions do):
    // when it is missing, whether the key is ours is asked of our snapshotter.
    const QString eventSnapshotter = e.fields.value(QStringLiteral("snapshotter")).toString();
    if (!eventSnapshotter.isEmpty() && eventSnapshotter != snapshotter)
        return {};
    const QString key = e.fields.value(QStringLiteral("key")).toString();
    if (TemporaryView::isTemporary(key))
        return {};
    const QString name = e.fields.value(QStringLiteral("name")).toString();
    AtlasLoader loader(client, snapshotter, std::shared_ptr<FolderCache>(&cache, [](FolderCache *) {}));

    auto upsertSnapshot = [&](const QString &k) -> QList<AtlasChange> {
        auto s = loader.loadSnapshot(k);
        if (!s)
            return {}; // gone again, or another snapshotter's
        return {AtlasChange{AtlasChange::Op::UpsertSnapshot, k, *s, {}}};
    };

    if (e.topic == QLatin1String("/snapshot/prepare"))
        return upsertSnapshot(key);
    if (e.topic == QLatin1String("/snapshot/commit")) {
        // Committing keeps the active snapshot's folder; only its key changes.
        cache.rename(key, name);
        auto out = upsertSnapshot(name);
        if (!out.isEmpty())
            out.prepend(AtlasChange{AtlasChange::Op::RemoveSnapshot, key, {}, {}});
        return out;
    }
    if (e.topic == QLatin1String("/snapshot/remove")) {
        auto still = SnapshotsService(client, snapshotter).stat(key);
        if (still || !still.error().is(Error::NotFound))
            return {};
        cache.forget(key);
        return {AtlasChange{AtlasChange::Op::RemoveSnapshot, key, {}, {}}};
    }
    if (e.topic == QLatin1String("/images/create") || e.topic == QLatin1String("/images/update")) {
        auto image = loader.loadImage(name);
        if (image)
            return {AtlasChange{AtlasChange::Op::UpsertImage, name, {}, *image}};
        if (image.error().is(Error::NotFound))
            return {AtlasChange{AtlasChange::Op::RemoveImage, name, {}, {}}};
        return {};
    }
    if (e.topic == QLatin1String("/images/delete"))
        return {AtlasChange{AtlasChange::Op::RemoveImage, name, {}, {}}};
    return {};
}

} // namespace strata
