#include "taskstopper.h"

#include "run/runengine.h"

#include <csignal>
#include <unistd.h>

namespace strata::ctl {

namespace {

void say(const QString &text)
{
    const QByteArray line = "stratactl: " + text.toLocal8Bit() + '\n';
    [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, line.constData(), size_t(line.size()));
}

} // namespace

TaskStopper::TaskStopper(RunEngine &engine, std::chrono::milliseconds grace, bool escalate)
    : m_engine(engine), m_grace(grace), m_escalate(escalate)
{
}

TaskStopper::~TaskStopper()
{
    {
        std::lock_guard lock(m_mutex);
        m_ending = true;
    }
    m_wake.notify_all();
    if (m_timer.joinable())
        m_timer.join();
}

void TaskStopper::request(const QString &why, bool now)
{
    std::lock_guard lock(m_mutex);
    ++m_requests;
    m_now = m_now || now;
    if (m_requests == 1)
        say(QStringLiteral("%1: stopping the task").arg(why));
    if (m_armed)
        signalLocked();
}

void TaskStopper::arm()
{
    std::lock_guard lock(m_mutex);
    m_armed = true;
    if (m_requests > 0)
        signalLocked();
}

int TaskStopper::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

void TaskStopper::signalLocked()
{
    if (m_sent >= 2)
        return;
    if (m_sent == 0 && !m_now) {
        m_sent = 1;
        m_engine.kill(SIGTERM);
        if (m_escalate) {
            say(QStringLiteral("sent SIGTERM; SIGKILL in %1 s, or at once on another Ctrl+C").arg(m_grace.count() / 1000.0));
            m_timer = std::thread([this] { graceLoop(); });
        } else {
            say(QStringLiteral("sent SIGTERM; Ctrl+C again sends SIGKILL"));
        }
        return;
    }
    m_sent = 2;
    say(QStringLiteral("sent SIGKILL"));
    m_engine.kill(SIGKILL);
}

void TaskStopper::graceLoop()
{
    std::unique_lock lock(m_mutex);
    if (m_wake.wait_for(lock, m_grace, [this] { return m_ending || m_sent >= 2; }))
        return;
    m_sent = 2;
    say(QStringLiteral("the task did not stop within %1 s: sent SIGKILL").arg(m_grace.count() / 1000.0));
    m_engine.kill(SIGKILL);
}

} // namespace strata::ctl
