// containerd restarting in the middle of a run: the shim keeps the task (and its output FIFOs)
// alive, RunEngine::wait rides out the outage, and the run still ends with the task's own
// exit status and output. The fixture's containerd is stopped the way a crash or an upgrade
// stops it (the daemon only: private-containerd.sh stop would kill the tasks first) and is
// always started again, pass or fail, because the suites after this one need it.

#include "containerdcontrol.h"

#include "client/client.h"
#include "run/runcontroller.h"
#include "run/runimage.h"

#include <QScopeGuard>
#include <QTest>

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
