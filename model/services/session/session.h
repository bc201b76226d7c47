#pragma once

#include "types/records.h"
#include "core/result.h"
#include "core/whenfinished.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace strata {

class Client;

// The GUI's connection to one containerd: owns the Client, runs every gRPC call on its own
// thread pool, watches liveness and reconnects. Results come back on the GUI thread through
// `call()`'s continuation; results of a previous connection are dropped, never delivered.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Unreachable };
    Q_ENUM(State)

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    void connectTo(const QString &address, const QString &ns);
    // The namespace and snapshotter every page shows: chosen in one place, followed by all.
    // A switch keeps the connection but drops results still in flight for the old choice.
    void setNamespace(const QString &ns);
    void setSnapshotter(const QString &snapshotter);

    State state() const { return m_state; }
    QString address() const { return m_address; }
    QString ns() const { return m_ns; }
    QString snapshotter() const { return m_snapshotter; }
    const VersionInfo &serverVersion() const { return m_version; }
    std::shared_ptr<const Client> client() const { return m_client; }
    // Changes with each (re)connection; async results carry it so stale ones can be dropped.
    quint64 generation() const { return m_generation; }

    // Runs `work(client)` on the session's pool and hands the result to `done` on `context`'s
    // thread, unless the session moved on to another connection or `context` died meanwhile.
    template<typename Work, typename Done>
    void call(QObject *context, Work work, Done done)
    {
        auto client = m_client;
        if (!client)
            return;
        const quint64 gen = m_generation;
        QPointer<Session> self(this);
        using Value = std::invoke_result_t<Work &, std::shared_ptr<const Client> &>;
        whenFinished(context, QtConcurrent::run(&m_pool, [client, work = std::move(work)] { return work(client); }),
                     [self, gen, done = std::move(done)](Value result) mutable {
                         if (self && self->m_generation == gen)
                             done(std::move(result));
                     });
    }

    // An error of this session's calls as one sentence for the GUI (ErrorText, Reader::Gui).
    QString describe(const Error &error) const;

    // Marks the connection broken after a call failed with Unavailable, so the status and the
    // reconnect loop react at once instead of at the next probe.
    void reportError(const Error &error);

Q_SIGNALS:
    void stateChanged(strata::Session::State state, const QString &message);
    // The first successful probe after (re)connecting, or a switch of namespace or snapshotter
    // while connected: views reload their data.
    void connected();
    // The namespace or snapshotter changed (before connected()): rows shown for the old choice
    // are not the new one's.
    void choiceChanged();

private:
    void probe();
    void setState(State state, const QString &message);
    void switchTo(const QString &ns, const QString &snapshotter);

    QThreadPool m_pool;
    QTimer m_probeTimer;
    std::shared_ptr<const Client> m_client;
    QString m_address;
    QString m_ns;
    QString m_snapshotter;
    VersionInfo m_version;
    State m_state = State::Disconnected;
    QString m_message;
    quint64 m_generation = 0;
    bool m_probing = false;
};

} // namespace strata
