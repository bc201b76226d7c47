#pragma once

#include "core/result.h"
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
class RunEngine;

// One run for the GUI: the engine's blocking steps on a worker thread, output gathered by
// reader threads and handed to the GUI thread in batches. Readers stall (and with them the
// task's pipe) when the GUI falls more than `pendingCap` bytes behind, so a flood can never
// grow memory without bound. All signals arrive on the controller's thread.
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
    // Stops and cleans up a run still in flight (blocks until done: callers ask first).
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
    void kill();
    // The terminal size of a TTY run in character cells. Before the task exists it is kept
    // and sent right after Tasks.Create, so the process starts with it.
    void resize(int columns, int rows);
    // Blocking: kills a task still running and waits until the run is cleaned up.
    void shutdown();

    // Up to about `maxBytes` of pending output, oldest first; frees the readers.
    QList<Chunk> takeOutput(qsizetype maxBytes);
    qsizetype pendingBytes() const;

    static constexpr qsizetype DefaultPendingCap = 4 * 1024 * 1024;
    void setPendingCap(qsizetype bytes) { m_pendingCap = bytes; }

Q_SIGNALS:
    void stateChanged(strata::RunController::State state);
    // Pending output went from none to some: call takeOutput().
    void outputReady();
    void notice(const QString &text);

private:
    void work();
    void append(Stream stream, const char *data, qsizetype size);
    void setState(State state);
    void signalTask(int signal);
    // Kills what still runs and joins the worker; false when there was none.
    bool endWorker();

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

    // Output handed from readers to the GUI thread.
    mutable std::mutex m_mutex;
    std::condition_variable m_drained;
    QList<Chunk> m_pending;
    qsizetype m_pendingSize = 0;
    qsizetype m_pendingCap = DefaultPendingCap;
    std::atomic<bool> m_ending{false};
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
