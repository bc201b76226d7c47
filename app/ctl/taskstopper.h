#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace strata {
class RunEngine;
}

namespace strata::ctl {

// How `stratactl run` ends a task it is asked to end (Ctrl+C, SIGTERM, SIGHUP, its stdout
// closed): SIGTERM first, SIGKILL on the next request or, when `escalate` (a --rm run, which
// must not outlive us), once the grace has passed. A PID 1 without a SIGTERM handler ignores
// SIGTERM, so without the escalation `--rm` would wait forever. Requests before arm() (the
// container is still being made) are only counted: the caller then cleans up instead.
class TaskStopper
{
public:
    TaskStopper(RunEngine &engine, std::chrono::milliseconds grace, bool escalate);
    ~TaskStopper();
    TaskStopper(const TaskStopper &) = delete;
    TaskStopper &operator=(const TaskStopper &) = delete;

    // From any thread. `why` is said on stderr ("interrupted", "stdout closed"). `now` skips
    // SIGTERM: nobody is left to see a graceful end.
    void request(const QString &why, bool now = false);
    // The task runs: requests now signal it, pending ones at once.
    void arm();
    int requests() const;

private:
    void signalLocked();
    void graceLoop();

    RunEngine &m_engine;
    const std::chrono::milliseconds m_grace;
    const bool m_escalate;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    int m_requests = 0;
    int m_sent = 0; // signals sent so far: 1 = SIGTERM, 2 = SIGKILL
    bool m_armed = false;
    bool m_now = false;
    bool m_ending = false;
    std::thread m_timer;
};

} // namespace strata::ctl
