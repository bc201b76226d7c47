#pragma once

#include "atlas/atlaschange.h"
#include "core/error.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>

namespace strata {

class Client;
class FolderCache;
struct EventEnvelope;

// Follows containerd's event stream for one namespace and snapshotter and turns snapshot and
// image events into AtlasChanges. The stream and the follow-up calls each event needs run on
// the watcher's own thread, one event after another, so changes come out in event order;
// they are delivered on the watcher's (GUI) thread.
class AtlasWatcher : public QObject
{
    Q_OBJECT
public:
    explicit AtlasWatcher(QObject *parent = nullptr);
    ~AtlasWatcher() override;

    // Stops any previous watch first. Events of `client`'s namespace only.
    void start(std::shared_ptr<const Client> client, const QString &snapshotter, std::shared_ptr<FolderCache> cache);
    // Returns once the thread has finished (at most one follow-up call's deadline).
    void stop();
    bool isRunning() const { return m_thread.joinable(); }

    // What one event means for the atlas; blocking, public so tests can drive it directly.
    static QList<AtlasChange> changesFor(const EventEnvelope &event, const std::shared_ptr<const Client> &client,
                                         const QString &snapshotter, FolderCache &cache);

Q_SIGNALS:
    void changed(const strata::AtlasChange &change);
    // The stream ended by itself (daemon gone, namespace removed...): restart after reconnecting.
    void failed(const strata::Error &error);

private:
    struct Run;
    std::shared_ptr<Run> m_run;
    std::thread m_thread;
    quint64 m_generation = 0;
};

} // namespace strata
