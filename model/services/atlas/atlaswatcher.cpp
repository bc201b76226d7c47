#include "atlas/atlaswatcher.h"

#include "atlas/atlasloader.h"
#include "atlas/foldercache.h"
#include "client/client.h"
#include "client/eventsubscription.h"
#include "client/snapshotsservice.h"

#include <QPointer>

namespace strata {

struct AtlasWatcher::Run
{
    std::unique_ptr<EventSubscription> subscription;
};

AtlasWatcher::AtlasWatcher(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<strata::AtlasChange>();
    qRegisterMetaType<strata::Error>();
}

AtlasWatcher::~AtlasWatcher()
{
    stop();
}

void AtlasWatcher::start(std::shared_ptr<const Client> client, const QString &snapshotter,
                         std::shared_ptr<FolderCache> cache)
{
    stop();
    const quint64 gen = ++m_generation;
    const QString ns = client->ns();
    // One filter per topic family: containerd ORs filters and ANDs the terms inside one.
    const QString inNs = QStringLiteral("namespace==\"%1\",").arg(ns);
    m_run = std::make_shared<Run>();
    m_run->subscription = std::make_unique<EventSubscription>(
        client, QStringList{inNs + QStringLiteral("topic~=\"^/snapshot/\""), inNs + QStringLiteral("topic~=\"^/images/\"")});

    QPointer<AtlasWatcher> self(this);
    auto deliver = [self, gen](auto emitter) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, emitter] {
                if (self && self->m_generation == gen)
                    emitter(self.data());
            },
            Qt::QueuedConnection);
    };
    m_thread = std::thread([run = m_run, client, snapshotter, cache, deliver] {
        auto status = run->subscription->run([&](const EventEnvelope &e) {
            for (const auto &change : changesFor(e, client, snapshotter, *cache))
                deliver([change](AtlasWatcher *w) { Q_EMIT w->changed(change); });
        });
        if (!status && !status.error().is(Error::Cancelled)) {
            const Error error = status.error();
            deliver([error](AtlasWatcher *w) { Q_EMIT w->failed(error); });
        }
    });
}

void AtlasWatcher::stop()
{
    ++m_generation; // anything still queued from the old stream is dropped
    if (m_run)
        m_run->subscription->cancel();
    if (m_thread.joinable())
        m_thread.join();
    m_run.reset();
}

QList<AtlasChange> AtlasWatcher::changesFor(const EventEnvelope &e, const std::shared_ptr<const Client> &client,
                                            const QString &snapshotter, FolderCache &cache)
{
    // containerd 1.6 does not name the snapshotter in snapshot events (later versions do):
    // when it is missing, whether the key is ours is asked of our snapshotter.
    const QString eventSnapshotter = e.fields.value(QStringLiteral("snapshotter")).toString();
    if (!eventSnapshotter.isEmpty() && eventSnapshotter != snapshotter)
        return {};
    const QString key = e.fields.value(QStringLiteral("key")).toString();
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
