#pragma once

#include "atlas/atlasbackend.h"
#include "atlas/atlaschange.h"

#include <QElapsedTimer>
#include <memory>

namespace strata {

class EventWatcher;
class Client;
class FolderCache;
class Session;

// Keeps an AtlasModel in step with one namespace and snapshotter of a Session's containerd:
// a full load on a worker (on connect and Refresh), the event stream in between, and the
// snapshot actions the atlas offers. Everything blocking runs off the GUI thread; results and
// errors come back as signals and callbacks on it.
class AtlasController : public AtlasBackend
{
    Q_OBJECT
public:
    AtlasController(Session *session, AtlasModel *model, QObject *parent = nullptr);
    ~AtlasController() override;

    // The session's: choosing here chooses for every page.
    QString snapshotter() const override;
    QString ns() const override;
    bool isLive() const override { return true; }
    QString describe(const Error &error) const override;
    // A client of the session's namespace; null while disconnected.
    std::shared_ptr<const Client> client() const;

    void setSnapshotter(const QString &snapshotter) override;
    void setNamespace(const QString &ns) override;
    // Asks containerd which snapshotters loaded and which namespaces exist.
    void fetchChoices() override;

    void readMounts(QObject *context, const QString &key, std::function<void(Result<QList<Mount>>)> done) override;
    void resolveImage(QObject *context, const QString &name, std::function<void(Result<ResolvedImage>)> done) override;

    // `ctr snapshots prepare` on `parent`: an active snapshot labelled as a GC root, so it
    // stays until removed. The mounts come back as containerd returned them.
    void prepareScratch(const QString &key, const QString &parent, std::function<void(Result<QList<Mount>>)> done);
    // `ctr snapshots view`: containerd sends no event for views, so the new row is added here.
    void createView(const QString &key, const QString &parent, std::function<void(Result<QList<Mount>>)> done);
    // Refuses (FailedPrecondition, with the reason) when the snapshot has children or a
    // container uses it; otherwise removes it.
    void removeSnapshot(const QString &key, std::function<void(Status)> done);

    void reload() override;

private:
    void apply(const AtlasChange &change);
    // Starts the event stream unless it already follows this connection, namespace and
    // snapshotter (it then rides out outages itself and asks for a reload when back).
    void ensureWatching(const std::shared_ptr<const Client> &client);
    QString watchKey() const;
    void resetCache();

    Session *m_session;
    EventWatcher *m_watcher;
    QString m_watchKey;
    std::shared_ptr<FolderCache> m_cache;
    bool m_loading = false;
    // Events that arrive during a load wait for it: applied earlier, the load would undo them.
    QList<AtlasChange> m_pending;
    quint64 m_loadGeneration = 0;
    QElapsedTimer m_clock;
};

} // namespace strata
