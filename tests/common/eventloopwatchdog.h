#pragma once

// The longest time the event loop went without a turn: a short timer notes the time between
// its timeouts, and anything that blocks the GUI thread (a synchronous gRPC call, a join, a
// disk read) shows up as a gap. Code a test runs directly between two turns counts too, so
// reset() after test steps that are slow on purpose (stopping containerd, running ctr).
// Header-only and without Q_OBJECT, so any suite can include it.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

namespace strata::test {

class EventLoopWatchdog : public QObject
{
public:
    static constexpr int IntervalMs = 5;

    explicit EventLoopWatchdog(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_timer.setInterval(IntervalMs);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    }

    void start()
    {
        reset();
        m_timer.start();
    }

    // Forgets the gaps so far; the next gap is measured from now.
    void reset()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_ticks = 0;
    }

    // The longest gap beyond the timer's own interval, in ms, ending at the last turn.
    qint64 longestStallMs() const { return m_longest; }
    // Turns seen since reset(): a watchdog that never ran proves nothing.
    int ticks() const { return m_ticks; }
    QString report() const
    {
        return QStringLiteral("longest event-loop stall %1 ms over %2 turns").arg(m_longest).arg(m_ticks);
    }

private:
    void tick()
    {
        const qint64 now = m_clock.elapsed();
        m_longest = qMax(m_longest, now - m_last - IntervalMs);
        m_last = now;
        ++m_ticks;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    int m_ticks = 0;
};

} // namespace strata::test
