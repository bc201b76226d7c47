#pragma once

#include "client/eventenvelope.h"
#include "core/error.h"
#include "events/eventfilter.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace strata {

class Client;

// Follows containerd's event stream on a thread of its own and hands events to the thread it
// lives on (the GUI thread), in order. When the stream breaks (containerd stopped or
// restarting) it says so once, keeps subscribing again every RetryInterval, and says when it
// is back; the events in between are lost, so a receiver reloads on resumed(). Nothing a
// stopped or restarted watch still produces is delivered, and stop() never waits for the
// thread.
class EventWatcher : public QObject
{
    Q_OBJECT
public:
    // Queues `work` to run on the watcher's thread; dropped if the watch it came from was
    // stopped or restarted (or the watcher destroyed) before it runs.
    using Deliver = std::function<void(std::function<void()> work)>;
    // Runs on the watch's own thread for each event, one after another: blocking follow-up
    // calls an event needs belong here. Results go back through `deliver`.
    using Handler = std::function<void(const EventEnvelope &event, const Deliver &deliver)>;

    static constexpr std::chrono::milliseconds RetryInterval{1000};

    explicit EventWatcher(QObject *parent = nullptr);
    // Waits for the threads still finishing: at most one handler call each.
    ~EventWatcher() override;

    // Stops any previous watch first. Without a handler, each event is emitted as event().
    void start(std::shared_ptr<const Client> client, const EventFilter &filter, Handler handler = {});
    // Returns at once: the thread ends by itself, and what it still produces is dropped.
    void stop();
    // Started and neither stopped nor ended by an error that subscribing again cannot fix.
    bool isWatching() const { return m_watching; }
    // False between failed() and resumed().
    bool isLive() const { return m_live; }

Q_SIGNALS:
    void event(const strata::EventEnvelope &event);
    // The stream broke or could not start. With `retrying`, the watcher subscribes again
    // until it succeeds (resumed()); without, the watch has ended (a refused filter, say).
    // Emitted once per outage.
    void failed(const strata::Error &error, bool retrying);
    // The stream is back after failed(): events of the outage were missed.
    void resumed();

private:
    struct Watch;
    struct Finishing
    {
        std::shared_ptr<Watch> watch;
        std::thread thread;
    };

    // Joins the threads of earlier watches that have ended (without waiting for the others).
    void reap(bool wait);

    std::shared_ptr<Watch> m_watch;
    std::thread m_thread;
    std::vector<Finishing> m_finishing;
    quint64 m_generation = 0;
    bool m_watching = false;
    bool m_live = false;
};

} // namespace strata
