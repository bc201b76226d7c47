#pragma once

#include "atlas/atlaschange.h"
#include "core/result.h"
#include "snapshots/mount.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace strata {

class AtlasModel;
class AtlasWatcher;
class Client;
class FolderCache;
class Session;

// Keeps an AtlasModel in step with one namespace and snapshotter of a Session's containerd:
// a full load on a worker (on connect and Refresh), the event stream in between, and the
// snapshot actions the atlas offers. Everything blocking runs off the GUI thread; results and
// errors come back as signals and callbacks on it.
class AtlasController : public QObject
{
    Q_OBJECT
public:
    AtlasController(Session *session, AtlasModel *model, QObject *parent = nullptr);
    ~AtlasController() override;

    AtlasModel *model() const { return m_model; }
    QString snapshotter() const { return m_snapshotter; }
    // Empty: the session's namespace.
    QString ns() const;
    bool isLoading() const { return m_loading; }
    // A client of the atlas' namespace; null while disconnected.
    std::shared_ptr<const Client> client() const;

    void setSnapshotter(const QString &snapshotter);
    void setNamespace(const QString &ns);

    // Asks containerd which snapshotters loaded and which namespaces exist.
    void fetchChoices();

    // `ctr snapshots prepare` on `parent`: an active snapshot labelled as a GC root, so it
    // stays until removed. The mounts come back as containerd returned them.
    void prepareScratch(const QString &key, const QString &parent, std::function<void(Result<QList<Mount>>)> done);
    // `ctr snapshots view`: containerd sends no event for views, so the new row is added here.
    void createView(const QString &key, const QString &parent, std::function<void(Result<QList<Mount>>)> done);
    // Refuses (FailedPrecondition, with the reason) when the snapshot has children or a
    // container uses it; otherwise removes it.
    void removeSnapshot(const QString &key, std::function<void(Status)> done);

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadingChanged(bool loading, const QString &status);
    void loaded(int images, int snapshots, qint64 elapsedMs);
    // `what` says which step failed, e.g. "Could not load the snapshots".
    void failed(const QString &what, const strata::Error &error);
    void choicesFetched(const QStringList &snapshotters, const QStringList &namespaces);

private:
    void apply(const AtlasChange &change);
    void restartWatcher(const std::shared_ptr<const Client> &client);
    void resetCache();

    Session *m_session;
    AtlasModel *m_model;
    AtlasWatcher *m_watcher;
    std::shared_ptr<FolderCache> m_cache;
    QString m_snapshotter = QStringLiteral("overlayfs");
    QString m_ns;
    bool m_loading = false;
    // Events that arrive during a load wait for it: applied earlier, the load would undo them.
    QList<AtlasChange> m_pending;
    quint64 m_loadGeneration = 0;
    QElapsedTimer m_clock;
};

} // namespace strata
