#pragma once

#include "core/error.h"
#include "pull/pulledimage.h"
#include "pull/pullevent.h"
#include "pull/pulloptions.h"

#include <QObject>

#include <memory>

namespace strata {

class Session;

// One pull for the GUI: ImagePuller::pull on the session's pool, its events and its end
// handed to the job's thread. Nothing here waits for the worker: cancel() and the destructor
// only raise the flag the puller polls, and the worker winds down (removing its lease) on its
// own. What it still reports after the job is gone, or after the session moved to another
// connection, namespace or snapshotter, is dropped; the job then ends as Cancelled at once,
// since the result could never reach it. Quitting the application cancels it too, so that
// the session's pool is not kept busy at exit.
class PullJob : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Cancelling, Succeeded, Failed, Cancelled };
    Q_ENUM(State)

    // `options.snapshotter` is replaced by the session's.
    PullJob(Session *session, PullOptions options, QObject *parent = nullptr);
    ~PullJob() override;

    const PullOptions &options() const { return m_options; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running || m_state == State::Cancelling; }
    // Where the pull goes, as the session named them at start().
    QString ns() const { return m_ns; }
    QString snapshotter() const { return m_options.snapshotter; }
    // After Succeeded.
    const PulledImage &image() const { return m_image; }
    // After Failed or Cancelled.
    const Error &error() const { return m_error; }

    // False (and nothing happens) when the session has no connection or the job already ran.
    bool start();
    void cancel();

Q_SIGNALS:
    void progress(const strata::PullEvent &event);
    void stateChanged(strata::PullJob::State state);
    // Once, after the last progress(): state() says how it ended.
    void finished();

private:
    struct Relay;
    void end(State state);
    void onSessionMoved();

    Session *m_session;
    PullOptions m_options;
    QString m_ns;
    quint64 m_generation = 0;
    std::shared_ptr<Relay> m_relay;
    State m_state = State::Idle;
    PulledImage m_image;
    Error m_error;
};

} // namespace strata
