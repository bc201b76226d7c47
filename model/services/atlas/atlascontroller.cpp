#include "atlas/atlascontroller.h"

#include "atlas/atlasloader.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasevents.h"
#include "atlas/foldercache.h"
#include "client/client.h"
#include "client/containersservice.h"
#include "client/introspectionservice.h"
#include "client/namespacesservice.h"
#include "client/snapshotsservice.h"
#include "events/eventwatcher.h"
#include "session/session.h"

namespace strata {

namespace {

// What `ctr snapshots prepare` and `view` put on a snapshot so that GC leaves it alone.
QMap<QString, QString> gcRootLabels()
{
    return {{QStringLiteral("containerd.io/gc.root"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
}

struct Choices
{
    Result<QList<PluginRecord>> snapshotters;
    Result<QList<NamespaceRecord>> namespaces;
};

} // namespace

AtlasController::AtlasController(Session *session, AtlasModel *model, QObject *parent)
    : AtlasBackend(model, parent)
    , m_session(session)
    , m_watcher(new EventWatcher(this))
    , m_cache(std::make_shared<FolderCache>())
{
    connect(m_session, &Session::choiceChanged, this, &AtlasController::resetCache);
    connect(m_session, &Session::connected, this, [this] {
        // Back after an outage the stream noticed: its resumed() reloads, once.
        if (!m_watcher->isWatching() || m_watchKey != watchKey())
            reload();
    });
    connect(m_watcher, &EventWatcher::failed, this, [this](const Error &error, bool retrying) {
        m_session->reportError(error);
        if (retrying)
            Q_EMIT liveUpdatesChanged(false, error);
        else
            Q_EMIT failed(tr("Live updates stopped; Refresh reloads"), error);
    });
    connect(m_watcher, &EventWatcher::resumed, this, [this] {
        Q_EMIT liveUpdatesChanged(true, {});
        reload(); // what changed during the outage came without events
    });
}

AtlasController::~AtlasController() = default;

QString AtlasController::snapshotter() const
{
    return m_session->snapshotter();
}

QString AtlasController::ns() const
{
    return m_session->ns();
}

QString AtlasController::describe(const Error &error) const
{
    return m_session->describe(error);
}

void AtlasController::readMounts(QObject *context, const QString &key, std::function<void(Result<QList<Mount>>)> done)
{
    auto c = client();
    if (!c)
        return done(Error{Error::Unavailable, tr("Not connected")});
    m_session->call(
        context, [c, key, snapshotter = snapshotter()](const std::shared_ptr<const Client> &) {
            return SnapshotsService(c, snapshotter).mounts(key);
        },
        std::move(done));
}

void AtlasController::resolveImage(QObject *context, const QString &name, std::function<void(Result<ResolvedImage>)> done)
{
    auto c = client();
    if (!c)
        return done(Error{Error::Unavailable, tr("Not connected")});
    m_session->call(context, [c, name](const std::shared_ptr<const Client> &) { return ImageResolver(c).resolve(name); },
                    std::move(done));
}

std::shared_ptr<const Client> AtlasController::client() const
{
    return m_session->client();
}

void AtlasController::setSnapshotter(const QString &snapshotter)
{
    m_session->setSnapshotter(snapshotter);
}

void AtlasController::setNamespace(const QString &ns)
{
    m_session->setNamespace(ns);
}

void AtlasController::resetCache()
{
    m_watcher->stop();
    m_cache = std::make_shared<FolderCache>();
    ++m_loadGeneration; // a load still running is for the old store
    m_loading = false;
    m_pending.clear();
    model()->clear();
}

QString AtlasController::watchKey() const
{
    return QStringLiteral("%1|%2|%3").arg(m_session->generation()).arg(ns(), snapshotter());
}

void AtlasController::ensureWatching(const std::shared_ptr<const Client> &client)
{
    const QString key = watchKey();
    if (m_watcher->isWatching() && key == m_watchKey)
        return;
    m_watchKey = key;
    m_watcher->start(client, EventFilter{client->ns(), AtlasEvents::topics()},
                     [client, snapshotter = snapshotter(), cache = m_cache, this](const EventEnvelope &e,
                                                                                  const EventWatcher::Deliver &deliver) {
                         for (const auto &change : AtlasEvents::changesFor(e, client, snapshotter, *cache)) {
                             // Runs on this controller's thread, and only while this watch is current.
                             deliver([this, change] {
                                 if (m_loading)
                                     m_pending << change;
                                 else
                                     apply(change);
                             });
                         }
                     });
}

void AtlasController::reload()
{
    auto c = client();
    if (!c)
        return;
    const quint64 gen = ++m_loadGeneration;
    m_loading = true;
    m_pending.clear();
    Q_EMIT loadingChanged(true, tr("Loading images, snapshots and folders of %1 in namespace %2…").arg(snapshotter(), ns()));
    // The stream starts before the load so that nothing between the two is missed.
    ensureWatching(c);
    m_clock.start();
    m_session->call(
        this,
        [c, snapshotter = snapshotter(), cache = m_cache](const std::shared_ptr<const Client> &) {
            return AtlasLoader(c, snapshotter, cache).loadAll();
        },
        [this, gen](Result<AtlasContents> contents) {
            if (gen != m_loadGeneration)
                return;
            m_loading = false;
            if (!contents) {
                m_pending.clear();
                m_session->reportError(contents.error());
                Q_EMIT loadingChanged(false, {});
                Q_EMIT failed(tr("Could not load the atlas"), contents.error());
                return;
            }
            model()->setContents(*contents);
            const auto pending = std::exchange(m_pending, {});
            for (const auto &change : pending)
                apply(change);
            Q_EMIT loadingChanged(false, {});
            Q_EMIT loaded(model()->imageCount(), model()->snapshotCount(), m_clock.elapsed());
        });
}

void AtlasController::apply(const AtlasChange &change)
{
    switch (change.op) {
    case AtlasChange::Op::UpsertSnapshot: model()->upsertSnapshot(change.snapshot); break;
    case AtlasChange::Op::RemoveSnapshot: model()->removeSnapshot(change.name); break;
    case AtlasChange::Op::UpsertImage: model()->upsertImage(change.image); break;
    case AtlasChange::Op::RemoveImage: model()->removeImage(change.name); break;
    }
}

void AtlasController::fetchChoices()
{
    m_session->call(
        this,
        [](const std::shared_ptr<const Client> &c) {
            return Choices{IntrospectionService(c).snapshotters(), NamespacesService(c).list()};
        },
        [this](Choices choices) {
            if (!choices.snapshotters) {
                Q_EMIT failed(tr("Could not list the snapshotters"), choices.snapshotters.error());
                return;
            }
            if (!choices.namespaces) {
                Q_EMIT failed(tr("Could not list the namespaces"), choices.namespaces.error());
                return;
            }
            QStringList snapshotters, namespaces;
            for (const auto &p : *choices.snapshotters)
                snapshotters << p.id;
            for (const auto &n : *choices.namespaces)
                namespaces << n.name;
            snapshotters.sort();
            namespaces.sort();
            Q_EMIT choicesFetched(snapshotters, namespaces);
        });
}

void AtlasController::prepareScratch(const QString &key, const QString &parent,
                                     std::function<void(Result<QList<Mount>>)> done)
{
    auto c = client();
    if (!c)
        return done(Error{Error::Unavailable, tr("Not connected")});
    m_session->call(
        this,
        [c, key, parent, snapshotter = snapshotter()](const std::shared_ptr<const Client> &) {
            return SnapshotsService(c, snapshotter).prepare(key, parent, gcRootLabels());
        },
        [this, done = std::move(done)](Result<QList<Mount>> mounts) {
            if (!mounts)
                m_session->reportError(mounts.error());
            done(std::move(mounts)); // the prepare event adds the row
        });
}

void AtlasController::createView(const QString &key, const QString &parent,
                                 std::function<void(Result<QList<Mount>>)> done)
{
    auto c = client();
    if (!c)
        return done(Error{Error::Unavailable, tr("Not connected")});
    struct Made
    {
        Result<QList<Mount>> mounts;
        std::optional<AtlasSnapshot> snapshot;
    };
    m_session->call(
        this,
        [c, key, parent, snapshotter = snapshotter(), cache = m_cache](const std::shared_ptr<const Client> &) {
            Made made{SnapshotsService(c, snapshotter).view(key, parent, gcRootLabels()), std::nullopt};
            if (made.mounts) {
                if (auto s = AtlasLoader(c, snapshotter, cache).loadSnapshot(key))
                    made.snapshot = *s;
            }
            return made;
        },
        [this, done = std::move(done)](Made made) {
            if (!made.mounts)
                m_session->reportError(made.mounts.error());
            if (made.snapshot) {
                const AtlasChange change{AtlasChange::Op::UpsertSnapshot, made.snapshot->info.key, *made.snapshot, {}};
                if (m_loading)
                    m_pending << change;
                else
                    apply(change);
            }
            done(std::move(made.mounts));
        });
}

void AtlasController::removeSnapshot(const QString &key, std::function<void(Status)> done)
{
    auto c = client();
    if (!c)
        return done(Error{Error::Unavailable, tr("Not connected")});
    const QStringList children = model()->childKeys(key);
    if (!children.isEmpty()) {
        return done(Error{Error::FailedPrecondition,
                          tr("%1 is the parent of %2; remove %3 first.")
                              .arg(key, children.join(QStringLiteral(", ")),
                                   children.size() == 1 ? tr("that snapshot") : tr("those snapshots"))});
    }
    m_session->call(
        this,
        [c, key, snapshotter = snapshotter()](const std::shared_ptr<const Client> &) -> Status {
            auto containers = ContainersService(c).list();
            if (!containers)
                return containers.error();
            QStringList users;
            for (const auto &container : *containers) {
                if (container.snapshotKey == key && container.snapshotter == snapshotter)
                    users << container.id;
            }
            if (!users.isEmpty()) {
                return Error{Error::FailedPrecondition,
                             tr("%1 is the root file system of container %2; delete the container first.")
                                 .arg(key, users.join(QStringLiteral(", ")))};
            }
            return SnapshotsService(c, snapshotter).remove(key);
        },
        [this, key, cache = m_cache, done = std::move(done)](Status status) {
            if (status) {
                cache->forget(key);
                model()->removeSnapshot(key); // at once; the event that follows finds nothing to do
            } else {
                m_session->reportError(status.error());
            }
            done(std::move(status));
        });
}

} // namespace strata
