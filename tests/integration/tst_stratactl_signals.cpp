#include "testenv.h"

#include "client/client.h"
#include "client/snapshotsservice.h"
#include "snapshots/temporaryview.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTest>
#include <QtConcurrent/QtConcurrentMap>

#include <csignal>
#include <numeric>

using namespace strata;

// How `stratactl run` ends when it is told to: Ctrl+C and SIGTERM stop the task (SIGTERM,
// SIGKILL after --stop-timeout or on a second Ctrl+C), a closed stdout stops it at once, and
// in every case a --rm run leaves no container, snapshot or lease behind. An interrupted
// folder listing removes its temporary views and their lease before it exits.
class TestStratactlSignals : public QObject
{
    Q_OBJECT

    QStringList globalArgs() const
    {
        return {QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"), test::testNamespace()};
    }

    // A --rm run of `command` on the one-layer image, started and left running.
    void start(QProcess &p, const QString &id, const QString &command, const QStringList &options = {})
    {
        p.start(test::env("STRATACTL"), globalArgs() + QStringList{QStringLiteral("run"), QStringLiteral("--rm")} + options
                                            + QStringList{QStringLiteral("strata.test/one:latest"), id, QStringLiteral("--"),
                                                          QStringLiteral("sh"), QStringLiteral("-c"), command});
        QVERIFY(p.waitForStarted(10000));
    }

    static bool waitForText(QProcess &p, QByteArray &seen, bool err, const QByteArray &text, int ms = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (!seen.contains(text) && timer.elapsed() < ms && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            seen += err ? p.readAllStandardError() : p.readAllStandardOutput();
        }
        return seen.contains(text);
    }

    // Nothing named `id` is left: no container, no snapshot, no lease.
    static QString leftovers(const QString &id)
    {
        QStringList found;
        const QRegularExpression named(QStringLiteral("(^|\\W)%1(\\W|$)").arg(QRegularExpression::escape(id)),
                                       QRegularExpression::MultilineOption);
        for (const char *what : {"containers", "snapshots", "leases"}) {
            const auto r = test::ctr({QString::fromLatin1(what), QStringLiteral("ls")});
            if (named.match(QString::fromUtf8(r.out)).hasMatch())
                found << QString::fromLatin1(what);
        }
        return found.join(QLatin1Char(','));
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY2(!test::env("STRATACTL").isEmpty(), "STRATACTL is not set: run through ctest");
    }

    // PID 1 ignores SIGTERM without a handler: the grace runs out and SIGKILL ends it.
    void ctrlCStopsTheTaskAndCleansUp()
    {
        const QString id = QStringLiteral("strata-sig-int");
        QProcess p;
        start(p, id, QStringLiteral("echo ready; sleep 100"), {QStringLiteral("--stop-timeout"), QStringLiteral("1")});
        QByteArray out;
        QVERIFY2(waitForText(p, out, false, "ready\n"), p.readAllStandardError().constData());
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + SIGKILL);
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(p.readAllStandardError().contains("did not stop within 1 s"));
        QCOMPARE(leftovers(id), QString());
    }

    void sigtermReachesTheTask()
    {
        const QString id = QStringLiteral("strata-sig-term");
        QProcess p;
        start(p, id, QStringLiteral("trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.1; done"));
        QByteArray out;
        QVERIFY(waitForText(p, out, false, "ready\n"));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(20000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 7);
        QVERIFY2(out.endsWith("got-term\n"), out.constData());
        QCOMPARE(leftovers(id), QString());
    }

    void secondCtrlCKillsAtOnce()
    {
        const QString id = QStringLiteral("strata-sig-twice");
        QProcess p;
        start(p, id, QStringLiteral("echo ready; sleep 100"), {QStringLiteral("--stop-timeout"), QStringLiteral("60")});
        QByteArray out;
        QVERIFY(waitForText(p, out, false, "ready\n"));
        ::kill(pid_t(p.processId()), SIGINT);
        QByteArray err;
        QVERIFY2(waitForText(p, err, true, "sent SIGTERM"), err.constData());
        QElapsedTimer timer;
        timer.start();
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 128 + SIGKILL);
        QVERIFY(timer.elapsed() < 15000);
        QCOMPARE(leftovers(id), QString());
    }

    // `stratactl run --rm … | head -c 100`: the task stops, and the exit is the shell's 141.
    void closedStdoutStopsTheTask()
    {
        const QString id = QStringLiteral("strata-sig-pipe");
        QStringList command{test::env("STRATACTL")};
        command << globalArgs()
                << QStringList{QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("strata.test/one:latest"), id,
                               QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("'while :; do echo yes; done'")};
        const auto r = test::runProgram(QStringLiteral("bash"),
                                        {QStringLiteral("-c"), command.join(QLatin1Char(' '))
                                                                   + QStringLiteral(" | head -c 100 | wc -c; echo ${PIPESTATUS[0]}")});
        QCOMPARE(r.out, QByteArray("100\n141\n"));
        QVERIFY2(r.err.contains("stdout closed"), r.err.constData());
        QCOMPARE(leftovers(id), QString());
    }

    // Interrupted while the container is being made, at several moments: whatever was made is
    // removed before the exit (130), or the signal came before anything existed.
    void earlyInterruptLeavesNothing()
    {
        const QString id = QStringLiteral("strata-sig-early");
        for (int delay : {20, 60, 100, 150, 200, 300, 400}) {
            QProcess p;
            start(p, id, QStringLiteral("sleep 100"), {QStringLiteral("--stop-timeout"), QStringLiteral("1")});
            QTest::qSleep(delay);
            ::kill(pid_t(p.processId()), SIGINT);
            QVERIFY(p.waitForFinished(20000));
            const bool before = p.exitStatus() == QProcess::CrashExit;
            QVERIFY2(before || p.exitCode() == 130 || p.exitCode() == 128 + SIGKILL,
                     qPrintable(QStringLiteral("delay %1: exit %2").arg(delay).arg(p.exitCode())));
            QVERIFY2(leftovers(id).isEmpty(), qPrintable(QStringLiteral("delay %1: %2").arg(delay).arg(leftovers(id))));
        }
    }

    // Ctrl+C while `folders --db off` makes its temporary views (one per committed chain tip,
    // so many tips keep it at that step long enough to be seen).
    void interruptedFolderListingCleansUp()
    {
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY(client.ok());
        const SnapshotsService snapshots(*client, QStringLiteral("overlayfs"));
        QList<int> tips(600);
        std::iota(tips.begin(), tips.end(), 0);
        const auto tipKey = [](int i) { return QStringLiteral("strata-sig-tip-%1").arg(i); };
        auto removeTips = qScopeGuard([&] { QtConcurrent::blockingMap(tips, [&](int i) { (void)snapshots.remove(tipKey(i)); }); });
        QtConcurrent::blockingMap(tips, [&](int i) {
            if (snapshots.prepare(tipKey(i) + QStringLiteral("-active"), {}))
                (void)snapshots.commit(tipKey(i), tipKey(i) + QStringLiteral("-active"));
        });
        // Temporary views of this run only: other suites leave some on purpose.
        const auto temporaryKeys = [&] {
            QSet<QString> keys;
            if (auto list = snapshots.list()) {
                for (const SnapshotInfo &s : *list) {
                    if (TemporaryView::isTemporary(s.key))
                        keys.insert(s.key);
                }
            }
            return keys;
        };
        const QSet<QString> before = temporaryKeys();
        const auto temporary = [&] { return (temporaryKeys() - before).size(); };

        QProcess p;
        p.start(test::env("STRATACTL"), globalArgs() + QStringList{QStringLiteral("folders"), QStringLiteral("--db"), QStringLiteral("off")});
        QVERIFY(p.waitForStarted(10000));
        bool viewing = false;
        // waitForFinished(0) lets QProcess notice the exit; state() alone never would here.
        while (!viewing && !p.waitForFinished(0))
            viewing = temporary() > 0;
        QVERIFY2(viewing, "the listing ended before a temporary view was seen");
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 128 + SIGINT);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("interrupted"), err.constData());
        QCOMPARE(temporary(), qsizetype(0));
        const auto leases = test::ctr({QStringLiteral("leases"), QStringLiteral("ls")});
        QVERIFY2(!leases.out.contains("strata-discovery-"), leases.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestStratactlSignals)
#include "tst_stratactl_signals.moc"
