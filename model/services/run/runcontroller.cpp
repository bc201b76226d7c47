#include "run/runcontroller.h"

#include "run/taskstdio.h"

#include <QDeadlineTimer>
#include <QScopeGuard>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace strata {

RunController::RunController(std::shared_ptr<const Client> client, RunRequest request, QObject *parent)
    : QObject(parent), m_client(std::move(client)), m_request(std::move(request))
{
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setTimerType(Qt::PreciseTimer); // its countdown is shown
    connect(&m_graceTimer, &QTimer::timeout, this, [this] {
        if (inFlight())
            kill();
    });
}

RunController::~RunController()
{
    if (!m_worker.joinable())
        return;
    end();
    abandon();
    m_worker.join();
}

qint64 RunController::durationMs() const
{
    if (!m_started.isValid())
        return 0;
    return m_started.msecsTo(m_ended.isValid() ? m_ended : QDateTime::currentDateTimeUtc());
}

void RunController::start()
{
    if (m_state != State::Idle)
        return;
    m_engine = std::make_shared<RunEngine>(m_client, m_request);
    m_finished = false;
    setState(State::Creating);
    m_worker = std::thread([this] { work(); });
}

void RunController::work()
{
    auto post = [this](auto f) { QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection); };
    // Last of all, after every other word of the worker.
    auto done = qScopeGuard([&] { post([this] { onWorkerDone(); }); });
    auto fail = [&](const Error &error) {
        post([this, error] {
            m_error = error;
            m_ended = QDateTime::currentDateTimeUtc();
            m_graceTimer.stop();
            setState(State::Failed);
        });
    };

    if (m_ending)
        return fail(Error{Error::Cancelled, QStringLiteral("stopped before it started")});
    if (auto created = m_engine->create(); !created)
        return fail(created.error());
    post([this] { setState(State::Created); });
    const Result<TaskExit> exit = follow(post);
    const Status cleaned = cleanUp();
    if (!cleaned)
        post([this, cleaned] { Q_EMIT notice(QStringLiteral("cleanup failed: %1").arg(cleaned.error().message)); });
    if (!exit)
        return fail(exit.error());
    const int status = int(exit->exitStatus);
    post([this, status] {
        m_exitStatus = status;
        m_ended = QDateTime::currentDateTimeUtc();
        m_graceTimer.stop();
        setState(State::Exited);
    });
}

Result<TaskExit> RunController::follow(const std::function<void(std::function<void()>)> &post)
{
    if (m_request.terminal) {
        int columns, rows;
        {
            std::lock_guard lock(m_mutex);
            m_taskCreated = true;
            columns = m_columns;
            rows = m_rows;
        }
        if (columns > 0)
            m_engine->resize(columns, rows);
    }

    TaskStdio *fifos = m_engine->fifos();
    TaskStdioReader out(fifos->fd(TaskStdio::Stream::Stdout));
    out.start([this](const char *d, qsizetype n) { append(Stream::Stdout, d, n); });
    std::optional<TaskStdioReader> err;
    if (!m_request.terminal) {
        err.emplace(fifos->fd(TaskStdio::Stream::Stderr));
        err->start([this](const char *d, qsizetype n) { append(Stream::Stderr, d, n); });
    }
    if (m_request.withStdin) {
        m_input = std::thread([this, fifos] {
            std::unique_lock lock(m_mutex);
            for (;;) {
                m_inputReady.wait(lock, [this] { return m_ending || m_inputClosed || !m_inputQueue.isEmpty(); });
                if (m_ending)
                    return;
                if (m_inputQueue.isEmpty()) {
                    lock.unlock();
                    m_engine->closeStdin();
                    return;
                }
                const QByteArray data = m_inputQueue.takeFirst();
                lock.unlock();
                fifos->writeStdin(data.constData(), data.size(), &m_ending);
                lock.lock();
            }
        });
    }

    Result<TaskExit> exit = Error{Error::Cancelled, QStringLiteral("stopped before it started")};
    if (!m_ending) {
        auto started = m_engine->start();
        if (started) {
            const QDateTime at = QDateTime::currentDateTimeUtc();
            post([this, at] {
                m_started = at;
                setState(State::Running);
            });
            exit = m_engine->wait([this, post](const QString &text) { post([this, text] { Q_EMIT notice(text); }); });
        } else {
            exit = started.error();
        }
    }
    if (!exit) {
        out.cancel();
        if (err)
            err->cancel();
    }
    out.join();
    if (err)
        err->join();
    {
        std::lock_guard lock(m_mutex);
        m_ending = true;
    }
    m_inputReady.notify_all();
    if (m_input.joinable())
        m_input.join();
    return exit;
}

Status RunController::cleanUp()
{
    const QDeadlineTimer giveUp(CleanupRetry);
    for (;;) {
        const Status cleaned = m_engine->cleanup();
        if (cleaned || !cleaned.error().is(Error::Unavailable) || giveUp.hasExpired())
            return cleaned;
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_abandoned; }))
            return cleaned;
    }
}

void RunController::onWorkerDone()
{
    // The worker's last act was to post this: the join is immediate.
    if (m_worker.joinable())
        m_worker.join();
    m_finished = true;
    m_stopping = false;
    Q_EMIT finished();
}

void RunController::append(Stream stream, const char *data, qsizetype size)
{
    bool wasEmpty;
    {
        std::unique_lock lock(m_mutex);
        m_drained.wait(lock, [this] { return m_ending || m_pendingSize < PendingCap; });
        if (m_ending)
            return;
        wasEmpty = m_pending.isEmpty();
        // Small reads of one stream merge, so a chatty task does not become a list of bytes.
        if (!wasEmpty && m_pending.last().stream == stream && m_pending.last().data.size() < 64 * 1024)
            m_pending.last().data.append(data, size);
        else
            m_pending.append({stream, QByteArray(data, size)});
        m_pendingSize += size;
    }
    if (wasEmpty)
        QMetaObject::invokeMethod(this, [this] { Q_EMIT outputReady(); }, Qt::QueuedConnection);
}

QList<RunController::Chunk> RunController::takeOutput(qsizetype maxBytes)
{
    QList<Chunk> taken;
    {
        std::lock_guard lock(m_mutex);
        qsizetype size = 0;
        while (!m_pending.isEmpty() && size < maxBytes) {
            size += m_pending.first().data.size();
            taken.append(m_pending.takeFirst());
        }
        m_pendingSize -= size;
    }
    m_drained.notify_all();
    return taken;
}

qsizetype RunController::pendingBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_pendingSize;
}

void RunController::sendInput(const QByteArray &data)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_inputClosed)
            return;
        m_inputQueue.append(data);
    }
    m_inputReady.notify_all();
}

void RunController::closeInput()
{
    {
        std::lock_guard lock(m_mutex);
        m_inputClosed = true;
    }
    m_inputReady.notify_all();
}

void RunController::signalTask(int signal)
{
    if (!m_engine)
        return;
    // A gRPC call: never on the GUI thread.
    static_cast<void>(QtConcurrent::run([engine = m_engine, signal] { engine->kill(signal); }));
}

void RunController::stop(std::chrono::milliseconds grace)
{
    if (!inFlight())
        return;
    signalTask(TaskSignal::Term);
    m_stopping = true;
    m_graceTimer.start(grace);
}

void RunController::kill()
{
    if (inFlight())
        signalTask(TaskSignal::Kill);
}

void RunController::resize(int columns, int rows)
{
    if (!m_request.terminal || columns <= 0 || rows <= 0)
        return;
    bool created;
    {
        std::lock_guard lock(m_mutex);
        if (columns == m_columns && rows == m_rows)
            return;
        m_columns = columns;
        m_rows = rows;
        created = m_taskCreated;
    }
    if (created && inFlight())
        static_cast<void>(QtConcurrent::run([engine = m_engine, columns, rows] { engine->resize(columns, rows); }));
}

void RunController::end()
{
    if (!m_engine || m_finished)
        return;
    m_graceTimer.stop();
    {
        std::lock_guard lock(m_mutex);
        m_ending = true;
    }
    m_drained.notify_all();
    m_inputReady.notify_all();
    // The worker kills the task on its way out (cleanup), so nothing here waits for containerd.
    m_engine->stopWaiting();
}

void RunController::abandon()
{
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
    }
    m_wake.notify_all();
}

RunEngine::Leftovers RunController::leftovers() const
{
    return m_engine ? m_engine->leftovers() : RunEngine::Leftovers{};
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace strata
