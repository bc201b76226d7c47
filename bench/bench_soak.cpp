// The GUI half of bench/soak.sh: the main window offscreen on the Atlas page, one run in flight
// per round, and containerd restarted under it (clean stop and SIGKILL alternating). After
// each restart it checks that the session reconnected, the atlas reloaded and the run ended
// with its own output and exit code, leaving nothing behind; at the end it prints restarts
// survived, leftovers, the longest event-loop stall and RSS at start and end.
//
//   bench_soak ADDRESS NAMESPACE DIR RESTARTS IMAGE SCRIPT
//
// DIR is the private containerd's directory: containerd.pid is read there to stop it, and
// SCRIPT (scripts/private-containerd.sh) starts it again.

#include "../tests/common/eventloopwatchdog.h"
#include "../tests/common/processstatus.h"

#include "atlas/atlaspage.h"
#include "mainwindow.h"
#include "run/runcontroller.h"
#include "run/runimage.h"
#include "session/session.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTabWidget>
#include <QTextStream>

#include <csignal>
#include <cstdio>

using namespace strata;

namespace {

// Spins the event loop (so the watchdog and the GUI keep turning) until `done` or the deadline.
bool waitFor(const std::function<bool()> &done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

struct Round
{
    bool reconnected = false;
    bool reloaded = false;
    bool runOk = false;
    bool leftovers = false;
    QString note;
};

class Soak
{
public:
    Soak(QString address, QString ns, QString dir, QString script)
        : m_address(std::move(address)), m_ns(std::move(ns)), m_dir(std::move(dir)), m_script(std::move(script))
    {
    }

    bool connect(const QString &imageName)
    {
        m_window.resize(1280, 800);
        m_window.show();
        m_window.connectTo(m_address, m_ns);
        m_atlas = m_window.findChild<AtlasPage *>();
        if (!m_atlas)
            return false;
        if (auto *pages = qobject_cast<QTabWidget *>(m_atlas->parentWidget()->parentWidget()))
            pages->setCurrentWidget(m_atlas);
        if (!waitFor([this] { return m_atlas->statusText().contains(QLatin1String("live")); }, 30000))
            return false;
        // Once, before the watchdog starts: the driver's own blocking call is not the GUI's.
        auto image = RunImage::resolve(m_window.session()->client(), imageName);
        if (image)
            m_image = *image;
        return image.ok();
    }

    Round round(int i)
    {
        Round r;
        RunRequest request;
        request.id = QStringLiteral("strata-soak-%1").arg(i);
        request.image = m_image;
        request.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 3; echo soak-%1").arg(i)};
        request.withStdin = false;
        request.throwaway = true;
        RunController run(m_window.session()->client(), request);
        QByteArray output;
        QObject::connect(&run, &RunController::outputReady, [&] {
            for (const auto &chunk : run.takeOutput(1 << 20))
                output += chunk.data;
        });
        run.start();
        waitFor([&] { return run.state() == RunController::State::Running || !run.inFlight(); }, 20000);
        restart(i % 2 == 0);
        r.reconnected = waitFor([this] { return m_window.session()->state() == Session::State::Connected; }, 60000);
        r.reloaded = waitFor([this] { return m_atlas->statusText().contains(QLatin1String("live")); }, 30000);
        waitFor([&] { return run.isFinished(); }, 90000);
        r.runOk = run.state() == RunController::State::Exited && run.exitStatus() == 0
                  && output.contains(QStringLiteral("soak-%1").arg(i).toUtf8());
        r.leftovers = !run.isFinished() || run.leftovers().any();
        if (!r.runOk)
            r.note = QStringLiteral("run: state %1, exit %2, %3, output %4")
                         .arg(int(run.state()))
                         .arg(run.exitStatus())
                         .arg(run.error().message, QString::fromUtf8(output.trimmed()));
        return r;
    }


private:
    // Asynchronous on purpose: the watchdog measures the GUI, not this driver's waits.
    void restart(bool kill)
    {
        QFile pidFile(m_dir + QStringLiteral("/containerd.pid"));
        if (pidFile.open(QIODevice::ReadOnly)) {
            const pid_t pid = pid_t(pidFile.readAll().trimmed().toLongLong());
            ::kill(pid, kill ? SIGKILL : SIGTERM);
            waitFor([pid] { return ::kill(pid, 0) != 0; }, 15000);
        }
        QProcess start;
        start.start(QStringLiteral("bash"), {m_script, QStringLiteral("start"), m_dir});
        waitFor([&] { return start.state() == QProcess::NotRunning || start.waitForFinished(0); }, 60000);
    }

    MainWindow m_window;
    AtlasPage *m_atlas = nullptr;
    QString m_address, m_ns, m_dir, m_script;
    RunRequest::Image m_image;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 7) {
        std::fprintf(stderr, "usage: bench_soak ADDRESS NAMESPACE DIR RESTARTS IMAGE SCRIPT\n");
        return 2;
    }
    const int restarts = args.at(4).toInt();
    Soak soak(args.at(1), args.at(2), args.at(3), args.at(6));
    QTextStream out(stdout);
    if (!soak.connect(args.at(5))) {
        out << "soak: the window never showed a live atlas, or the image did not resolve\n";
        return 1;
    }
    test::EventLoopWatchdog watchdog;
    watchdog.start();
    const qint64 rssStart = test::processStatusKb("VmRSS:");
    int survived = 0, runsOk = 0, leftovers = 0;
    for (int i = 1; i <= restarts; ++i) {
        const Round r = soak.round(i);
        survived += r.reconnected && r.reloaded;
        runsOk += r.runOk;
        leftovers += r.leftovers;
        out << QStringLiteral("round %1 (%2): reconnected %3, atlas reloaded %4, run %5%6\n")
                   .arg(i)
                   .arg(i % 2 == 0 ? QStringLiteral("SIGKILL") : QStringLiteral("SIGTERM"))
                   .arg(r.reconnected ? "yes" : "NO", r.reloaded ? "yes" : "NO", r.runOk ? "ok" : "FAILED",
                        r.note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.note));
        out.flush();
    }
    const qint64 rssEnd = test::processStatusKb("VmRSS:");
    out << QStringLiteral("gui: restarts survived %1/%2, runs ok %3/%2, runs with leftovers %4, %5, "
                          "RSS %6 MiB -> %7 MiB (%8%)\n")
               .arg(survived)
               .arg(restarts)
               .arg(runsOk)
               .arg(leftovers)
               .arg(watchdog.report())
               .arg(rssStart / 1024.0, 0, 'f', 1)
               .arg(rssEnd / 1024.0, 0, 'f', 1)
               .arg(rssStart > 0 ? 100.0 * double(rssEnd - rssStart) / double(rssStart) : 0.0, 0, 'f', 1);
    return survived == restarts && leftovers == 0 ? 0 : 1;
}
