#include "runcommand.h"

#include "context.h"
#include "signalwatcher.h"
#include "taskstopper.h"

#include "run/runengine.h"
#include "run/runplanner.h"
#include "run/runimage.h"
#include "run/streamreader.h"

#include <QScopeGuard>

#include <atomic>

#include <csignal>
#include <optional>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

namespace strata::ctl {

namespace {

// The exit codes of a shell whose command died of SIGINT or SIGPIPE.
constexpr int BrokenPipe = 128 + SIGPIPE;

// Copies this process's stdin to the task until EOF (then closes the task's stdin) or until
// told to stop through the wake pipe.
class StdinForwarder
{
public:
    explicit StdinForwarder(RunEngine &engine) : m_engine(engine)
    {
        if (::pipe(m_wake) == 0)
            m_thread = std::thread([this] { loop(); });
    }
    ~StdinForwarder()
    {
        if (m_thread.joinable()) {
            m_stop = true;
            const char c = 0;
            [[maybe_unused]] ssize_t n = ::write(m_wake[1], &c, 1);
            m_thread.join();
        }
        for (int fd : m_wake) {
            if (fd >= 0)
                ::close(fd);
        }
    }

private:
    void loop()
    {
        char buffer[64 * 1024];
        pollfd p[2] = {{STDIN_FILENO, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        for (;;) {
            if (::poll(p, 2, -1) < 0)
                continue;
            if (p[1].revents)
                return;
            const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 || !m_engine.fifos()->writeStdin(buffer, n, &m_stop)) {
                m_engine.closeStdin();
                return;
            }
        }
    }

    RunEngine &m_engine;
    int m_wake[2] = {-1, -1};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Sends the local terminal's size to a TTY task (nothing when no side is a terminal).
void sendTerminalSize(RunEngine &engine)
{
    winsize size{};
    for (int fd : {STDIN_FILENO, STDOUT_FILENO}) {
        if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 && size.ws_row > 0) {
            engine.resize(size.ws_col, size.ws_row);
            return;
        }
    }
}

// The local terminal in raw mode while a TTY task owns it, restored on every way out.
class RawTerminal
{
public:
    RawTerminal()
    {
        if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios raw = m_saved;
            ::cfmakeraw(&raw);
            m_active = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
        }
    }
    ~RawTerminal()
    {
        if (m_active)
            ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
    }

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

void RunCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("rm"), QStringLiteral("remove the container and its snapshot when the task ends")},
        {{QStringLiteral("t"), QStringLiteral("tty")}, QStringLiteral("allocate a TTY (one output stream, no stderr)")},
        {QStringLiteral("config"), QStringLiteral("run this config.json as ctr run --config does"), QStringLiteral("file")},
        {QStringLiteral("stack"), QStringLiteral("run on an overlay of these folders: parents nearest first, scratch last, ':'-separated"),
         QStringLiteral("folders")},
        {QStringLiteral("env"), QStringLiteral("set an environment variable (repeatable)"), QStringLiteral("KEY=VALUE")},
        {QStringLiteral("run-anyway"), QStringLiteral("run a stack that breaks the layer rules")},
        {QStringLiteral("stop-timeout"),
         QStringLiteral("with --rm, seconds between SIGTERM and SIGKILL when the run is interrupted (default 10)"),
         QStringLiteral("seconds"), QStringLiteral("10")},
    });
}

int RunCommand::run(Context &context, const QCommandLineParser &parser)
{
    QStringList positional = parser.positionalArguments();
    if (context.json())
        return context.usage(QStringLiteral("run streams the container's own output, which --json cannot reshape"));
    RunRequest request;
    request.throwaway = parser.isSet(QStringLiteral("rm"));
    request.terminal = parser.isSet(QStringLiteral("tty"));
    request.env = parser.values(QStringLiteral("env"));
    request.runAnyway = parser.isSet(QStringLiteral("run-anyway"));
    request.snapshotter = context.snapshotter();
    bool graceOk = false;
    const double grace = parser.value(QStringLiteral("stop-timeout")).toDouble(&graceOk);
    if (!graceOk || grace < 0)
        return context.usage(QStringLiteral("--stop-timeout takes a number of seconds"));
    // Raw mode and the size relay work on the local terminal; without one the task would
    // wait on a terminal that nobody types into.
    if (request.terminal && !::isatty(STDIN_FILENO))
        return context.usage(QStringLiteral("run -t needs a terminal on stdin; run without -t to use pipes"));

    auto client = context.client();
    if (!client)
        return context.fail(client.error());

    if (parser.isSet(QStringLiteral("config"))) {
        if (positional.size() != 1)
            return context.usage(QStringLiteral("run --config takes one container ID"));
        request.source = RunRequest::Source::Config;
        request.configPath = parser.value(QStringLiteral("config"));
        request.id = positional.constFirst();
        // A config that cannot be run as written is the caller's to fix, like validate's.
        if (auto config = RunPlanner::configSpec(request); !config) {
            context.fail(config.error());
            return Context::Usage;
        }
    } else if (parser.isSet(QStringLiteral("stack"))) {
        if (positional.isEmpty())
            return context.usage(QStringLiteral("run --stack takes a container ID and optional ARGS"));
        request.source = RunRequest::Source::Stack;
        request.stack = LayerStack::fromFolders(parser.value(QStringLiteral("stack")).split(QLatin1Char(':')));
        request.id = positional.takeFirst();
        request.args = positional;
    } else {
        if (positional.size() < 2)
            return context.usage(QStringLiteral("run takes an IMAGE and a container ID"));
        request.source = RunRequest::Source::Image;
        auto image = RunImage::resolve(*client, positional.takeFirst());
        if (!image)
            return context.fail(image.error());
        request.image = *image;
        request.id = positional.takeFirst();
        request.args = positional;
    }

    RunEngine engine(*client, request);
    TaskStopper stopper(engine, std::chrono::milliseconds(qint64(grace * 1000)), request.throwaway);
    const SignalWatcher::Scope onSignal([&](int signal) {
        if (signal == SIGWINCH) {
            if (request.terminal)
                sendTerminalSize(engine);
        } else {
            stopper.request(signal == SIGINT ? QStringLiteral("interrupted")
                                             : QStringLiteral("%1 received").arg(signal == SIGTERM ? "SIGTERM" : "SIGHUP"));
        }
    });
    // Writes to a closed stdout fail with EPIPE instead of killing us with the task running.
    std::signal(SIGPIPE, SIG_IGN);
    if (auto created = engine.create(); !created)
        return context.fail(created.error());
    if (stopper.requests() > 0) {
        // Interrupted while the container was being made: nothing ran, nothing stays.
        const Status cleaned = engine.cleanup();
        if (!cleaned)
            return context.fail(cleaned.error());
        return Context::Interrupted;
    }

    std::optional<RawTerminal> raw;
    if (request.terminal) {
        raw.emplace();
        // Before Start, so the process sees the right size from its first line.
        sendTerminalSize(engine);
    }
    std::atomic<bool> stdoutClosed{false};
    StreamReader out(engine.fifos()->fd(FifoSet::Stream::Stdout));
    out.startForwarding(STDOUT_FILENO, [&] {
        stdoutClosed = true;
        stopper.request(QStringLiteral("stdout closed"), true);
    });
    std::optional<StreamReader> err;
    if (!request.terminal) {
        err.emplace(engine.fifos()->fd(FifoSet::Stream::Stderr));
        err->startForwarding(STDERR_FILENO);
    }
    std::optional<StdinForwarder> input(std::in_place, engine);

    auto finish = [&](int code) {
        out.join();
        if (err)
            err->join();
        input.reset();
        raw.reset();
        const Status cleaned = engine.cleanup();
        if (!cleaned)
            return context.fail(cleaned.error());
        // A pipeline's reader that went away expects the writer to end as SIGPIPE would.
        return stdoutClosed ? BrokenPipe : code;
    };

    if (auto started = engine.start(); !started) {
        out.cancel();
        if (err)
            err->cancel();
        finish(Context::Failed);
        return context.fail(started.error());
    }
    stopper.arm();
    auto exit = engine.wait([](const QString &notice) {
        const QByteArray line = "stratactl: " + notice.toLocal8Bit() + '\n';
        [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, line.constData(), size_t(line.size()));
    });
    if (!exit) {
        out.cancel();
        if (err)
            err->cancel();
        finish(Context::Failed);
        return context.fail(exit.error());
    }
    return finish(int(exit->exitStatus));
}

} // namespace strata::ctl
