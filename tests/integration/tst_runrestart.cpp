// containerd restarting in the middle of a run: the shim keeps the task (and its output FIFOs)
// alive, RunEngine::wait rides out the outage, and the run still ends with the task's own
// exit status and output. The fixture's containerd is stopped the way a crash or an upgrade
// stops it (the daemon only: private-containerd.sh stop would kill the tasks first) and is
// always started again, pass or fail, because the suites after this one need it.

#include "containerdcontrol.h"

#include "client/client.h"
#include "run/runcontroller.h"
#include "run/runengine.h"
#include "run/runimage.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <future>

using namespace strata;

using test::startContainerd;
using test::stopDaemonOnly;

class TestRunRestart : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Client> m_client;
    RunRequest::Image m_one;

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY2(!test::containerdDir().isEmpty() && !test::env("STRATA_SCRIPTS").isEmpty(), "run through ctest");
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY(client.ok());
        m_client = *client;
        auto one = RunImage::resolve(m_client, QStringLiteral("strata.test/one:latest"));
        QVERIFY2(one.ok(), one ? "" : qPrintable(one.error().message));
        m_one = *one;
    }

    void cleanupTestCase()
    {
        // Whatever happened above: the next suite finds containerd running.
        startContainerd();
    }

    void init()
    {
        // Each test starts with a client that is answered (after the previous one's restart).
        QVERIFY(test::answers(m_client));
    }

    RunRequest sleeper(const char *name) const
    {
        RunRequest request;
        request.id = QStringLiteral("strata-%1-%2").arg(QLatin1String(name)).arg(QCoreApplication::applicationPid());
        request.image = m_one;
        request.withStdin = false;
        request.throwaway = true;
        request.args = {QStringLiteral("sleep"), QStringLiteral("60")};
        return request;
    }

    static bool listed(const QString &what, const QString &id)
    {
        const auto out = test::ctr({what, QStringLiteral("ls"), QStringLiteral("-q")});
        return QString::fromUtf8(out.out).split(QLatin1Char('\n')).contains(id);
    }

    void waitStopsWhenAskedWhileContainerdIsDown()
    {
        const RunRequest request = sleeper("waitend");
        RunEngine engine(m_client, request);
        QVERIFY(engine.create().ok());
        QVERIFY(engine.start().ok());
        std::promise<void> noticed;
        auto waited = std::async(std::launch::async, [&] {
            bool once = false;
            return engine.wait([&](const QString &) {
                if (!std::exchange(once, true))
                    noticed.set_value();
            });
        });
        auto restart = qScopeGuard([] { startContainerd(); });
        QVERIFY(stopDaemonOnly(SIGKILL));
        QCOMPARE(noticed.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);

        QElapsedTimer clock;
        clock.start();
        engine.stopWaiting();
        QCOMPARE(waited.wait_for(std::chrono::seconds(2)), std::future_status::ready);
        QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
        const auto exit = waited.get();
        QVERIFY(!exit.ok());
        QVERIFY2(exit.error().is(Error::Cancelled), qPrintable(exit.error().message));
        QVERIFY(engine.leftovers().task && engine.leftovers().container && engine.leftovers().snapshot);

        // Back up: the cleanup kills the task and removes everything the run made.
        QVERIFY(startContainerd());
        restart.dismiss();
        QVERIFY(test::answers(m_client));
        QVERIFY(engine.cleanup().ok());
        QVERIFY(!engine.leftovers().any());
        QVERIFY(!listed(QStringLiteral("tasks"), request.id));
        QVERIFY(!listed(QStringLiteral("containers"), request.id));
        QVERIFY(!listed(QStringLiteral("snapshots"), request.id));
    }

    void endedRunFinishesItsCleanupWhenContainerdReturns()
    {
        const RunRequest request = sleeper("endback");
        RunController controller(m_client, request);
        QSignalSpy finished(&controller, &RunController::finished);
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Running, 20000);
        auto restart = qScopeGuard([] { startContainerd(); });
        QVERIFY(stopDaemonOnly(SIGKILL));

        QElapsedTimer clock;
        clock.start();
        controller.end();
        QVERIFY(clock.elapsed() < 50); // only asks
        QTest::qWait(2000);
        QCOMPARE(finished.count(), 0); // trying to clean up while containerd is away
        QVERIFY(controller.leftovers().task);

        QVERIFY(startContainerd());
        restart.dismiss();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(controller.isFinished());
        QVERIFY(!controller.leftovers().any());
        QVERIFY(!listed(QStringLiteral("tasks"), request.id));
        QVERIFY(!listed(QStringLiteral("containers"), request.id));
        QVERIFY(!listed(QStringLiteral("snapshots"), request.id));
    }

    void abandonedRunSaysWhatIsLeft()
    {
        const RunRequest request = sleeper("abandon");
        RunController controller(m_client, request);
        QSignalSpy finished(&controller, &RunController::finished);
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Running, 20000);
        auto restart = qScopeGuard([] { startContainerd(); });
        QVERIFY(stopDaemonOnly(SIGKILL));
        controller.end();
        QTest::qWait(1500);
        controller.abandon();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        const auto left = controller.leftovers();
        QVERIFY(left.task && left.container && left.snapshot);

        // What was left is really there, and is removed by hand here.
        QVERIFY(startContainerd());
        restart.dismiss();
        QVERIFY(listed(QStringLiteral("containers"), request.id));
        test::ctr({QStringLiteral("tasks"), QStringLiteral("rm"), QStringLiteral("-f"), request.id});
        test::ctr({QStringLiteral("containers"), QStringLiteral("rm"), request.id});
        test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), request.id});
        QVERIFY(!listed(QStringLiteral("containers"), request.id));
    }

    void runSurvivesContainerdRestart()
    {
        RunRequest request;
        request.id = QStringLiteral("strata-restart-%1").arg(QCoreApplication::applicationPid());
        request.image = m_one;
        request.withStdin = false;
        request.throwaway = true;
        request.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 4; echo done")};
        RunController controller(m_client, request);
        QByteArray output;
        QStringList notices;
        connect(&controller, &RunController::outputReady, this, [&] {
            for (const auto &chunk : controller.takeOutput(1 << 20))
                output += chunk.data;
        });
        connect(&controller, &RunController::notice, this, [&](const QString &text) { notices << text; });
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Running, 20000);

        auto restart = qScopeGuard([] { startContainerd(); });
        QVERIFY(stopDaemonOnly());
        // Down long enough for the run to notice (its Wait stream breaks at once).
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 10000);
        QVERIFY2(notices.first().contains(QLatin1String("unreachable")), qPrintable(notices.first()));
        QVERIFY(controller.inFlight());
        QVERIFY(startContainerd());
        restart.dismiss();

        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Exited, 60000);
        QCOMPARE(controller.exitStatus(), 0);
        QCOMPARE(output, QByteArray("done\n"));
        QVERIFY2(notices.join(QLatin1Char('|')).contains(QLatin1String("containerd is back")), qPrintable(notices.join(QLatin1Char('|'))));

        // The throwaway run cleaned up after itself through the new daemon.
        const auto containers = test::ctr({QStringLiteral("containers"), QStringLiteral("ls"), QStringLiteral("-q")});
        QVERIFY(!QString::fromUtf8(containers.out).split(QLatin1Char('\n')).contains(request.id));
        const auto tasks = test::ctr({QStringLiteral("tasks"), QStringLiteral("ls"), QStringLiteral("-q")});
        QVERIFY(!QString::fromUtf8(tasks.out).split(QLatin1Char('\n')).contains(request.id));
    }
};

QTEST_GUILESS_MAIN(TestRunRestart)
#include "tst_runrestart.moc"
