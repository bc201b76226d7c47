#pragma once

#include "core/result.h"
#include "run/runengine.h"
#include "run/runrequest.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace strata {

class Client;

// One run for the GUI: the engine's blocking steps on a worker thread, output gathered by
// reader threads and handed to the GUI thread in batches. Readers stall (and with them the
// task's pipe) when the GUI falls more than PendingCap bytes behind, so a flood can never
// grow memory without bound. All signals arrive on the controller's thread, and nothing it
// does there waits for containerd: ending a run (end()) only asks, and the worker finishes
// the cleanup on its own, retrying while containerd is away, then says finished().
class RunController : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Creating, Created, Running, Exited, Failed };
    Q_ENUM(State)
    enum class Stream { Stdout, Stderr };

    struct Chunk
    {
        Stream stream;
        QByteArray data;
    };

    RunController(std::shared_ptr<const Client> client, RunRequest request, QObject *parent = nullptr);
    // A run still in flight is ended and abandoned, and the worker joined: that waits for
    // at most one containerd call. Callers end() runs and wait for finished() instead.
    ~RunController() override;

    const RunRequest &request() const { return m_request; }
    State state() const { return m_state; }
    int exitStatus() const { return m_exitStatus; }
    const Error &error() const { return m_error; }
    // From start to exit, or to now while running.
    qint64 durationMs() const;
    bool inFlight() const { return m_state == State::Creating || m_state == State::Created || m_state == State::Running; }

    void start();
    void sendInput(const QByteArray &data);
    void closeInput();
    // SIGTERM, then SIGKILL when the task still runs after `grace`.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    // Between stop() and the task's end: how long until SIGKILL (0 once it was sent).
    bool isStopping() const { return m_stopping; }
    qint64 killInMs() const { return m_graceTimer.isActive() ? m_graceTimer.remainingTime() : 0; }
    void kill();
    // The terminal size of a TTY run in character cells. Before the task exists it is kept
    // and sent right after Tasks.Create, so the process starts with it.
    void resize(int columns, int rows);
    // Returns at once. The worker stops waiting for the task, kills it if it still runs and
    // removes what the run made; while containerd is unreachable it retries the cleanup for
    // up to CleanupRetry, then gives up and says finished() with leftovers() filled in.
    void end();
    // Stop retrying the cleanup now (quitting): finished() follows with what is left.
    void abandon();
    // The worker is done (or never started): nothing more will change.
    bool isFinished() const { return m_finished; }
    // What the run made that is still there; from the worker as it goes, final after finished().
    RunEngine::Leftovers leftovers() const;

    static constexpr std::chrono::seconds CleanupRetry{60};

    // Up to about `maxBytes` of pending output, oldest first; frees the readers.
    QList<Chunk> takeOutput(qsizetype maxBytes);
    qsizetype pendingBytes() const;

    static constexpr qsizetype PendingCap = 4 * 1024 * 1024;

Q_SIGNALS:
    void stateChanged(strata::RunController::State state);
    // Pending output went from none to some: call takeOutput().
    void outputReady();
    void notice(const QString &text);
    // The worker ended: the run is cleaned up, or leftovers() says what could not be.
    void finished();

private:
    void work();
    // The task's output and input, from start to exit (or to end()).
    Result<TaskExit> follow(const std::function<void(std::function<void()>)> &post);
    // cleanup(), again every second while containerd is unreachable, until CleanupRetry or
    // abandon().
    Status cleanUp();
    void append(Stream stream, const char *data, qsizetype size);
    void setState(State state);
    void signalTask(int signal);
    void onWorkerDone();

    std::shared_ptr<const Client> m_client;
    RunRequest m_request;
    std::shared_ptr<RunEngine> m_engine;
    std::thread m_worker;
    std::thread m_input;
    State m_state = State::Idle;
    int m_exitStatus = -1;
    Error m_error;
    QDateTime m_started;
    QDateTime m_ended;
    QTimer m_graceTimer;
    bool m_stopping = false;
    bool m_finished = true; // until start()

    // Output handed from readers to the GUI thread.
    mutable std::mutex m_mutex;
    std::condition_variable m_drained;
    QList<Chunk> m_pending;
    qsizetype m_pendingSize = 0;
    std::atomic<bool> m_ending{false};
    bool m_abandoned = false;
    std::condition_variable m_wake; // the cleanup's retry pause, cut short by abandon()
    // The terminal size wanted (0: none yet) and whether the task exists to take it.
    int m_columns = 0;
    int m_rows = 0;
    bool m_taskCreated = false;

    // Input queued for the stdin thread, in order; `m_inputClosed` = end of input after it.
    std::condition_variable m_inputReady;
    QList<QByteArray> m_inputQueue;
    bool m_inputClosed = false;
};

} // namespace strata
