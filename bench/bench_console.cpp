// The run console under a flood, headless: a real container (through RunController) writes
// BYTES of 80-character lines into a ConsoleView. Prints the throughput, the longest gap
// between ticks of a 5 ms heartbeat timer (an event-loop stall), and peak RSS, which must stay
// bounded by the scrollback cap whatever BYTES is (compare two sizes: bench/console.sh).

#include "../tests/common/processstatus.h"

#include "client/client.h"
#include "run/consoleview.h"
#include "run/runcontroller.h"
#include "run/runimage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMetaEnum>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>

#include <cstdio>

using namespace strata;

namespace {

// 80 characters and the newline: `yes` repeats it, `head -c` cuts the flood to size.
const QString Line = QStringLiteral("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-strata-console-..");

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: bench_console ADDRESS NAMESPACE BYTES [SCROLLBACK_LINES] [IMAGE]\n");
        return 2;
    }
    const qint64 bytes = args[3].toLongLong();
    const int scrollback = args.size() > 4 ? args[4].toInt() : ConsoleView::DefaultScrollbackLines;
    const QString imageName = args.size() > 5 ? args[5] : QStringLiteral("strata.test/one:latest");

    auto client = Client::create({args[1], args[2], std::chrono::seconds(60)});
    if (!client) {
        std::fprintf(stderr, "bench_console: %s\n", qPrintable(client.error().message));
        return 1;
    }
    auto image = RunImage::resolve(*client, imageName);
    if (!image) {
        std::fprintf(stderr, "bench_console: %s: %s\n", qPrintable(imageName), qPrintable(image.error().message));
        return 1;
    }

    RunRequest request;
    request.id = QStringLiteral("bench-console-%1").arg(QCoreApplication::applicationPid());
    request.image = *image;
    request.args = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("yes %1 | head -c %2").arg(Line).arg(bytes)};
    request.withStdin = false;
    request.throwaway = true;

    auto *controller = new RunController(*client, request);
    ConsoleView view(controller);
    view.setScrollbackLines(scrollback);
    view.resize(1000, 700);
    view.show();
    QCoreApplication::processEvents();
    const long baselineKb = test::processStatusKb("VmRSS:");

    QElapsedTimer clock;
    QElapsedTimer beat;
    // Every gap over 20 ms, with when it ended and the run's state then (where they come from).
    struct Stall
    {
        qint64 ms;
        qint64 at;
        RunController::State state;
    };
    QList<Stall> stalls;
    qint64 longestGap = 0;
    qint64 longestAt = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(5);
    // RSS once a second: a cap that holds shows a plateau, a leak a slope.
    QList<long> rssBySecond;
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (clock.elapsed() / 1000 >= rssBySecond.size())
            rssBySecond.append(test::processStatusKb("VmRSS:") / 1024);
        const qint64 gap = beat.restart();
        if (gap > 20)
            stalls.append({gap, clock.elapsed(), controller->state()});
        if (gap > longestGap) {
            longestGap = gap;
            longestAt = clock.elapsed();
        }
    });

    qint64 runningAt = -1;
    QObject::connect(controller, &RunController::stateChanged, [&](RunController::State state) {
        if (state == RunController::State::Running)
            runningAt = clock.elapsed();
        if (state == RunController::State::Exited || state == RunController::State::Failed)
            app.quit();
    });
    clock.start();
    beat.start();
    heartbeat.start();
    controller->start();
    app.exec();
    // Exited comes after the readers hit EOF; what they handed over may still be queued, and
    // the console lays out up to a scrollback of lines after that.
    const qint64 exitedMs = clock.elapsed();
    while (!view.caughtUp())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QCoreApplication::processEvents();
    const qint64 totalMs = clock.elapsed();
    heartbeat.stop();

    if (controller->state() != RunController::State::Exited || controller->exitStatus() != 0) {
        std::fprintf(stderr, "bench_console: the run did not end well: %s\n", qPrintable(view.title()));
        return 1;
    }
    // The last full line must be intact: nothing dropped or merged on the way.
    QTextBlock last = view.output()->document()->lastBlock();
    while (last.isValid() && last.text().isEmpty())
        last = last.previous();
    const bool intact = last.isValid() && last.previous().text() == Line;

    const double mb = double(bytes) / 1e6;
    const double seconds = double(totalMs - qMax<qint64>(runningAt, 0)) / 1000.0;
    const long peakKb = test::processStatusKb("VmHWM:");
    std::printf("output:             %.0f MB in %d-byte lines, scrollback %d lines\n", mb, int(Line.size() + 1), scrollback);
    std::printf("running -> shown:   %.2f s, %.1f MB/s (exit -> last line shown %.2f s)\n", seconds, mb / seconds,
                double(totalMs - exitedMs) / 1000.0);
    std::printf("longest stall:      %lld ms at %.1f s (5 ms heartbeat; target < 50)\n", longestGap, double(longestAt) / 1000.0);
    std::printf("stalls over 20 ms:  %d", int(stalls.size()));
    for (qsizetype i = 0; i < qMin<qsizetype>(stalls.size(), 3); ++i)
        std::printf("%s%lld ms at %.2f s (%s)", i ? ", " : " (first: ", stalls[i].ms, double(stalls[i].at) / 1000.0,
                    QMetaEnum::fromType<RunController::State>().valueToKey(int(stalls[i].state)));
    std::printf("%s\n", stalls.isEmpty() ? "" : ")");
    std::printf("RSS before run:     %ld MB\n", baselineKb / 1024);
    std::printf("peak RSS (VmHWM):   %ld MB (at the end: %ld MB)\n", peakKb / 1024, test::processStatusKb("VmRSS:") / 1024);
    std::printf("RSS each second:   ");
    for (long mb : rssBySecond)
        std::printf(" %ld", mb);
    std::printf(" MB\n");
    std::printf("console blocks:     %d, last line intact: %s\n", view.output()->document()->blockCount(), intact ? "yes" : "NO");
    return intact ? 0 : 3;
}
