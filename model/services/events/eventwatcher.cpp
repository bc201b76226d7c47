#include "events/eventwatcher.h"

#include "client/client.h"
#include "client/eventsubscription.h"
#include "client/versionservice.h"

#include <QPointer>

#include <condition_variable>
#include <mutex>

namespace strata {

namespace {

// Errors a later subscription can get past: the daemon away or restarting. Others (a filter
// containerd refuses, a permission) would only fail again.
bool transient(const Error &error)
{
    switch (error.code) {
    case Error::Cancelled:
    case Error::Unknown:
    case Error::DeadlineExceeded:
    case Error::ResourceExhausted:
    case Error::Aborted:
    case Error::Internal:
    case Error::Unavailable:
        return true;
    default:
        return false;
    }
}

} // namespace

// What the GUI thread and a watch's thread share.
struct EventWatcher::Watch
{
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool done = false;
    std::shared_ptr<EventSubscription> subscription;

    // The subscription to run next; null once stopping.
    std::shared_ptr<EventSubscription> open(const std::shared_ptr<const Client> &client, const QStringList &filters)
    {
        std::lock_guard lock(mutex);
        if (stopping)
            return {};
        subscription = std::make_shared<EventSubscription>(client, filters);
        return subscription;
    }

    void stop()
    {
        std::lock_guard lock(mutex);
        stopping = true;
        if (subscription)
            subscription->cancel();
        wake.notify_all();
    }

    // False when woken by stop().
    bool sleep(std::chrono::milliseconds interval)
    {
        std::unique_lock lock(mutex);
        return !wake.wait_for(lock, interval, [this] { return stopping; });
    }

    bool isStopping()
    {
        std::lock_guard lock(mutex);
        return stopping;
    }

    void finish()
    {
        std::lock_guard lock(mutex);
        subscription.reset();
        done = true;
    }

    bool isDone()
    {
        std::lock_guard lock(mutex);
        return done;
    }
};

EventWatcher::EventWatcher(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<strata::EventEnvelope>();
    qRegisterMetaType<strata::Error>();
}

EventWatcher::~EventWatcher()
{
    stop();
    reap(true);
}

void EventWatcher::start(std::shared_ptr<const Client> client, const EventFilter &filter, Handler handler)
{
    stop();
    reap(false);
    const quint64 gen = ++m_generation;
    m_watching = true;
    m_live = true;
    m_watch = std::make_shared<Watch>();

    QPointer<EventWatcher> self(this);
    Deliver deliver = [self, gen](std::function<void()> work) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, work = std::move(work)] {
                if (self && self->m_generation == gen)
                    work();
            },
            Qt::QueuedConnection);
    };
    if (!handler) {
        handler = [self](const EventEnvelope &e, const Deliver &d) {
            d([self, e] { Q_EMIT self->event(e); });
        };
    }
    m_thread = std::thread([watch = m_watch, client = std::move(client), filters = filter.toFilters(),
                            handler = std::move(handler), deliver, self] {
        bool lost = false;
        auto resume = [&] {
            lost = false;
            deliver([self] {
                self->m_live = true;
                Q_EMIT self->resumed();
            });
        };
        for (;;) {
            auto subscription = watch->open(client, filters);
            if (!subscription)
                break;
            const Status status = subscription->run(
                [&](const EventEnvelope &e) {
                    if (lost)
                        resume();
                    handler(e, deliver);
                },
                [&] {
                    // Sent is not yet subscribed: an answer on the same connection, which
                    // containerd reads after the request, is.
                    if (lost && VersionService(client).version())
                        resume();
                });
            if (watch->isStopping())
                break;
            // containerd shutting down cleanly ends the stream without an error.
            const Error error = status ? Error{Error::Unavailable, QStringLiteral("containerd ended the event stream")}
                                       : status.error();
            const bool retrying = transient(error);
            if (!lost || !retrying) {
                lost = true;
                deliver([self, error, retrying] {
                    self->m_live = false;
                    self->m_watching = retrying;
                    Q_EMIT self->failed(error, retrying);
                });
            }
            if (!retrying || !watch->sleep(RetryInterval))
                break;
        }
        watch->finish();
    });
}

void EventWatcher::stop()
{
    ++m_generation; // whatever the old watch still queues is dropped
    m_watching = false;
    m_live = false;
    if (!m_watch)
        return;
    m_watch->stop();
    m_finishing.push_back({std::move(m_watch), std::move(m_thread)});
    m_watch.reset();
}

void EventWatcher::reap(bool wait)
{
    for (auto it = m_finishing.begin(); it != m_finishing.end();) {
        if (wait || it->watch->isDone()) {
            it->thread.join();
            it = m_finishing.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace strata
