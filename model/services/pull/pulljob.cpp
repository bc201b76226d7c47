#include "pull/pulljob.h"

#include "pull/imagepuller.h"
#include "session/session.h"

#include <QCoreApplication>

#include <atomic>
#include <mutex>

namespace strata {

// What the job and its worker share. The worker can outlive the job, so it never touches the
// job directly: it posts through here, and the job unhooks itself under the same lock before
// it goes. Events already queued for a destroyed job are discarded with it by Qt.
struct PullJob::Relay
{
    std::atomic_bool cancel = false;
    std::mutex mutex;
    PullJob *job = nullptr;

    // On the puller's threads, one call at a time.
    void post(const PullEvent &event)
    {
        std::lock_guard lock(mutex);
        if (!job)
            return;
        QMetaObject::invokeMethod(
            job,
            [job = job, event] {
                if (job->isRunning())
                    Q_EMIT job->progress(event);
            },
            Qt::QueuedConnection);
    }

    void unhook()
    {
        std::lock_guard lock(mutex);
        job = nullptr;
    }
};

PullJob::PullJob(Session *session, PullOptions options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_relay(std::make_shared<Relay>())
{
    // The session's results for an earlier connection or choice never arrive: end now
    // rather than wait for nothing.
    connect(m_session, &Session::stateChanged, this, &PullJob::onSessionMoved);
    connect(m_session, &Session::choiceChanged, this, &PullJob::onSessionMoved);
    // The session waits for its pool when it is destroyed, after the event loop has ended.
    if (auto *app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &PullJob::cancel);
}

PullJob::~PullJob()
{
    m_relay->cancel = true;
    m_relay->unhook();
}

bool PullJob::start()
{
    if (m_state != State::Idle || !m_session->client())
        return false;
    m_ns = m_session->ns();
    m_options.snapshotter = m_session->snapshotter();
    m_generation = m_session->generation();
    m_relay->job = this; // no worker yet: no lock needed
    m_state = State::Running;
    Q_EMIT stateChanged(m_state);
    m_session->call(
        this,
        [options = m_options, relay = m_relay](const std::shared_ptr<const Client> &client) -> Result<PulledImage> {
            return ImagePuller(client, options).pull(&relay->cancel, [&relay](const PullEvent &e) { relay->post(e); });
        },
        [this](Result<PulledImage> pulled) {
            if (!isRunning())
                return; // ended when the session moved on
            if (pulled) {
                m_image = *pulled;
                return end(State::Succeeded);
            }
            m_error = pulled.error();
            // A registry's Unavailable says nothing about the connection to containerd.
            if (m_error.origin == Error::Origin::Containerd)
                m_session->reportError(m_error);
            end(m_error.is(Error::Cancelled) && m_relay->cancel ? State::Cancelled : State::Failed);
        });
    return true;
}

void PullJob::cancel()
{
    if (m_state != State::Running)
        return;
    m_relay->cancel = true;
    m_state = State::Cancelling;
    Q_EMIT stateChanged(m_state);
}

void PullJob::onSessionMoved()
{
    if (!isRunning() || m_session->generation() == m_generation)
        return;
    m_relay->cancel = true;
    m_error = Error{Error::Cancelled, tr("Strata moved to another connection, namespace or snapshotter, so the pull "
                                         "of %1 into namespace %2 was cancelled")
                                          .arg(m_options.reference, m_ns)};
    end(State::Cancelled);
}

void PullJob::end(State state)
{
    m_relay->unhook();
    m_state = state;
    Q_EMIT stateChanged(m_state);
    Q_EMIT finished();
}

} // namespace strata
