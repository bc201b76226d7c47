// A TTY run through RunController: the terminal size given before the task exists is the one
// the process starts with, and a resize while it runs reaches it (busybox `stty size`).

#include "testenv.h"

#include "client/client.h"
#include "run/runcontroller.h"
#include "run/runimage.h"

#include <QTest>

using namespace strata;

class TestRunTty : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Client> m_client;
    RunRequest::Image m_one;

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY(client.ok());
        m_client = *client;
        auto one = RunImage::resolve(m_client, QStringLiteral("strata.test/one:latest"));
        QVERIFY2(one.ok(), one ? "" : qPrintable(one.error().message));
        m_one = *one;
    }

    void sttySizeFollowsResize()
    {
        RunRequest request;
        request.id = QStringLiteral("strata-runtty-%1").arg(QCoreApplication::applicationPid());
        request.image = m_one;
        request.terminal = true;
        request.withStdin = false;
        request.throwaway = true;
        // Prints the size until killed; the first line is the size it started with.
        request.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("while true; do stty size; sleep 0.2; done")};
        RunController controller(m_client, request);
        QByteArray output;
        connect(&controller, &RunController::outputReady, this, [&] {
            for (const auto &chunk : controller.takeOutput(1 << 20))
                output += chunk.data;
        });
        controller.resize(100, 40);
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(output.contains('\n'), 20000);
        QCOMPARE(output.left(output.indexOf('\n')).trimmed(), QByteArray("40 100"));

        controller.resize(132, 50);
        QTRY_VERIFY_WITH_TIMEOUT(output.contains("50 132"), 10000);
        // Sizes only ever change to what was sent.
        for (const QByteArray &line : output.split('\n')) {
            const QByteArray size = line.trimmed();
            QVERIFY2(size.isEmpty() || size == "40 100" || size == "50 132", size.constData());
        }

        controller.kill();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Exited, 15000);
        QCOMPARE(controller.exitStatus(), 137);
    }

    void sizeIgnoredWithoutTerminal()
    {
        RunRequest request;
        request.id = QStringLiteral("strata-runtty-plain-%1").arg(QCoreApplication::applicationPid());
        request.image = m_one;
        request.withStdin = false;
        request.throwaway = true;
        request.args = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("stty size 2>&1; true")};
        RunController controller(m_client, request);
        QByteArray output;
        connect(&controller, &RunController::outputReady, this, [&] {
            for (const auto &chunk : controller.takeOutput(1 << 20))
                output += chunk.data;
        });
        controller.resize(100, 40); // no TTY: nothing to resize, and no failure either
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), RunController::State::Exited, 20000);
        QCOMPARE(controller.exitStatus(), 0);
        QVERIFY(!output.contains("40 100"));
    }
};

QTEST_GUILESS_MAIN(TestRunTty)
#include "tst_runtty.moc"
