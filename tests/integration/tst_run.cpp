// The run engine against the private containerd: live output, exit codes, stdin, TTY, cleanup,
// and a stack run whose reversed parents show the other version of a shadowed file.

#include "testenv.h"

#include "client/client.h"
#include "client/containersservice.h"
#include "client/snapshotsservice.h"
#include "client/tasksservice.h"
#include "run/runengine.h"
#include "run/runjanitor.h"
#include "run/streamreader.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

#include <csignal>
#include <mutex>
#include <thread>

using namespace strata;

namespace {

// What one run produced, with the moment each stream's first byte arrived.
struct Outcome
{
    Status created = success();
    QByteArray out;
    QByteArray err;
    qint64 firstOutMs = -1;
    qint64 exitMs = -1;
    int exitStatus = -1;
    Status cleaned = success();
};

// Drives a RunEngine the way a front end does: readers on their own threads, then start,
// wait, join, cleanup. `during` runs on this thread once the task is started.
Outcome runOnce(const std::shared_ptr<const Client> &client, const RunRequest &request,
                const std::function<void(RunEngine &)> &during = {})
{
    Outcome o;
    RunEngine engine(client, request);
    o.created = engine.create();
    if (!o.created)
        return o;
    QElapsedTimer clock;
    clock.start();
    std::mutex mutex;
    StreamReader out(engine.fifos()->fd(FifoSet::Stream::Stdout));
    out.start([&](const char *data, qsizetype size) {
        std::lock_guard lock(mutex);
        if (o.firstOutMs < 0)
            o.firstOutMs = clock.elapsed();
        o.out.append(data, size);
    });
    std::optional<StreamReader> err;
    if (!request.terminal) {
        err.emplace(engine.fifos()->fd(FifoSet::Stream::Stderr));
        err->start([&](const char *data, qsizetype size) {
            std::lock_guard lock(mutex);
            o.err.append(data, size);
        });
    }
    if (auto started = engine.start(); !started) {
        o.created = started.error();
        out.cancel();
        if (err)
            err->cancel();
    } else {
        if (during)
            during(engine);
        auto exit = engine.wait();
        o.exitMs = clock.elapsed();
        if (exit)
            o.exitStatus = int(exit->exitStatus);
    }
    out.join();
    if (err)
        err->join();
    o.cleaned = engine.cleanup();
    return o;
}

QString uniqueId(const char *what)
{
    static int counter = 0;
    return QStringLiteral("strata-run-%1-%2-%3").arg(QLatin1String(what)).arg(QCoreApplication::applicationPid()).arg(++counter);
}

} // namespace

class TestRun : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const Client> m_client;
    RunRequest::Image m_one;
    RunRequest::Image m_three;

    // The image's top chainID, found the way ctr itself resolves it: a container's snapshot
    // is prepared on exactly that committed snapshot.
    RunRequest::Image image(const QString &name)
    {
        const QString probe = uniqueId("probe");
        auto made = test::ctr({QStringLiteral("containers"), QStringLiteral("create"), name, probe});
        if (made.exitCode != 0)
            return {};
        auto info = test::ctr({QStringLiteral("snapshots"), QStringLiteral("info"), probe});
        test::ctr({QStringLiteral("containers"), QStringLiteral("delete"), probe});
        RunRequest::Image image;
        image.name = name;
        image.topChainId = QJsonDocument::fromJson(info.out).object().value(QLatin1String("Parent")).toString();
        image.config.cmd = {QStringLiteral("/bin/sh")};
        image.config.env = {QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")};
        return image;
    }

    RunRequest shell(const char *what, const QString &script, bool throwaway = true)
    {
        RunRequest r;
        r.id = uniqueId(what);
        r.image = m_one;
        r.args = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), script};
        r.throwaway = throwaway;
        r.withStdin = false;
        return r;
    }

    // Nothing of the run survives: no task, no container, no snapshot.
    void verifyGone(const QString &id)
    {
        QVERIFY(ContainersService(m_client).get(id).error().is(Error::NotFound));
        auto tasks = TasksService(m_client).list();
        QVERIFY2(tasks.ok(), qPrintable(tasks.ok() ? QString() : tasks.error().message));
        for (const auto &t : *tasks)
            QVERIFY2(t.id != id, qPrintable(id));
        // Independent of how List names tasks: a signal to a task that is gone is NotFound.
        QVERIFY(TasksService(m_client).kill(id, 0).error().is(Error::NotFound));
        QVERIFY(SnapshotsService(m_client, QStringLiteral("overlayfs")).stat(id).error().is(Error::NotFound));
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        auto client = Client::create({test::address(), test::testNamespace(), std::chrono::seconds(30)});
        QVERIFY(client.ok());
        m_client = *client;
        m_one = image(QStringLiteral("strata.test/one:latest"));
        m_three = image(QStringLiteral("strata.test/three:latest"));
        QVERIFY(m_one.topChainId.startsWith(QLatin1String("sha256:")));
        QVERIFY(m_three.topChainId.startsWith(QLatin1String("sha256:")));
    }

    void outputIsLiveAndOrdered()
    {
        const auto r = shell("live", QStringLiteral("echo a; sleep 1; echo b"));
        const Outcome o = runOnce(m_client, r);
        QVERIFY2(o.created.ok(), qPrintable(o.created.ok() ? QString() : o.created.error().message));
        QCOMPARE(o.out, QByteArray("a\nb\n"));
        QCOMPARE(o.exitStatus, 0);
        // "a" must have arrived while the process still slept.
        QVERIFY2(o.firstOutMs >= 0 && o.firstOutMs + 700 < o.exitMs,
                 qPrintable(QStringLiteral("first output at %1 ms, exit at %2 ms").arg(o.firstOutMs).arg(o.exitMs)));
        QVERIFY(o.cleaned.ok());
        verifyGone(r.id);
    }

    void stdoutAndStderrApart()
    {
        const auto r = shell("streams", QStringLiteral("echo out1; echo err1 >&2; echo out2; echo err2 >&2"));
        const Outcome o = runOnce(m_client, r);
        QVERIFY(o.created.ok());
        QCOMPARE(o.out, QByteArray("out1\nout2\n"));
        QCOMPARE(o.err, QByteArray("err1\nerr2\n"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("status");
        QTest::newRow("0") << QStringLiteral("exit 0") << 0;
        QTest::newRow("3") << QStringLiteral("exit 3") << 3;
        QTest::newRow("true exits before any read") << QStringLiteral("exec true") << 0;
    }
    void exitCodes()
    {
        QFETCH(QString, script);
        QFETCH(int, status);
        const auto r = shell("exit", script);
        const Outcome o = runOnce(m_client, r);
        QVERIFY(o.created.ok());
        QCOMPARE(o.exitStatus, status);
        QVERIFY(o.out.isEmpty());
        verifyGone(r.id);
    }

    void killedIs137()
    {
        const auto r = shell("kill", QStringLiteral("echo ready; exec sleep 100"));
        const Outcome o = runOnce(m_client, r, [](RunEngine &engine) {
            QThread::msleep(300);
            QVERIFY(engine.kill(SIGKILL).ok());
        });
        QVERIFY(o.created.ok());
        QCOMPARE(o.exitStatus, 137);
        QCOMPARE(o.out, QByteArray("ready\n"));
        verifyGone(r.id);
    }

    void killInTheMiddleOfAFlood()
    {
        const auto r = shell("flood", QStringLiteral("exec yes flood"));
        const Outcome o = runOnce(m_client, r, [](RunEngine &engine) {
            QThread::msleep(500);
            QVERIFY(engine.kill(SIGKILL).ok());
        });
        QCOMPARE(o.exitStatus, 137);
        QVERIFY(o.out.size() > 1000);
        QVERIFY(o.out.startsWith("flood\nflood\n"));
        verifyGone(r.id);
    }

    void stdinEchoedThroughCat()
    {
        auto r = shell("stdin", QStringLiteral("exec cat"));
        r.withStdin = true;
        const QByteArray input("hello\nworld\n\xff\x00 no newline", 25);
        const Outcome o = runOnce(m_client, r, [&input](RunEngine &engine) {
            QVERIFY(engine.fifos()->writeStdin(input.constData(), input.size()).ok());
            QVERIFY(engine.closeStdin().ok());
        });
        QCOMPARE(o.exitStatus, 0);
        QCOMPARE(o.out, input);
        verifyGone(r.id);
    }

    void stdinClosedEarly()
    {
        auto r = shell("stdin-early", QStringLiteral("cat; echo done"));
        r.withStdin = true;
        const Outcome o = runOnce(m_client, r, [](RunEngine &engine) { QVERIFY(engine.closeStdin().ok()); });
        QCOMPARE(o.exitStatus, 0);
        QCOMPARE(o.out, QByteArray("done\n"));
    }

    void binaryAndLastLineWithoutNewline()
    {
        const auto r = shell("binary", QStringLiteral("printf 'a\\377\\000\\001\\200\\303(\\nlast'"));
        const Outcome o = runOnce(m_client, r);
        QCOMPARE(o.exitStatus, 0);
        QCOMPARE(o.out, QByteArray("a\xff\x00\x01\x80\xc3(\nlast", 12));
    }

    void ttyRun()
    {
        auto r = shell("tty", QStringLiteral("test -t 1 && echo tty; echo err >&2"));
        r.terminal = true;
        const Outcome o = runOnce(m_client, r);
        QVERIFY(o.created.ok());
        QCOMPARE(o.exitStatus, 0);
        // One stream, and the terminal's output processing turns \n into \r\n.
        QCOMPARE(o.out, QByteArray("tty\r\nerr\r\n"));
        QVERIFY(o.err.isEmpty());
        verifyGone(r.id);
    }

    void keptRunKeepsContainerOnly()
    {
        const auto r = shell("keep", QStringLiteral("echo kept"), false);
        const Outcome o = runOnce(m_client, r);
        QCOMPARE(o.out, QByteArray("kept\n"));
        QVERIFY(ContainersService(m_client).get(r.id).ok());
        QVERIFY(SnapshotsService(m_client, QStringLiteral("overlayfs")).stat(r.id).ok());
        QVERIFY(ContainersService(m_client).remove(r.id).ok());
        QVERIFY(SnapshotsService(m_client, QStringLiteral("overlayfs")).remove(r.id).ok());
        verifyGone(r.id);
    }

    void janitorCleansFinishedRunsOnly()
    {
        const auto kept = shell("janitor", QStringLiteral("true"), false);
        QCOMPARE(runOnce(m_client, kept).exitStatus, 0);
        QVERIFY(ContainersService(m_client).get(kept.id).ok());

        const auto busyRequest = shell("busy", QStringLiteral("exec sleep 30"), false);
        RunEngine busy(m_client, busyRequest);
        QVERIFY(busy.create().ok());
        QVERIFY(busy.start().ok());

        auto removed = RunJanitor::cleanupFinished(m_client);
        QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error().message));
        QVERIFY(removed->contains(kept.id));
        QVERIFY(!removed->contains(busyRequest.id));
        verifyGone(kept.id);
        QVERIFY(RunJanitor::removeContainer(m_client, busyRequest.id, false).error().is(Error::FailedPrecondition));
        QVERIFY(RunJanitor::removeContainer(m_client, busyRequest.id, true).ok());
        verifyGone(busyRequest.id);
        QVERIFY(busy.cleanup().ok()); // already gone: nothing to do, no error
    }

    void failedCreateLeavesNothing()
    {
        auto r = shell("nochain", QStringLiteral("true"));
        r.image.topChainId = QStringLiteral("sha256:0000000000000000000000000000000000000000000000000000000000000000");
        const Outcome o = runOnce(m_client, r);
        QVERIFY(!o.created.ok());
        verifyGone(r.id);
        // A task that cannot start (no such program) also unwinds everything.
        auto bad = shell("noexec", QString());
        bad.args = {QStringLiteral("/no/such/program")};
        const Outcome b = runOnce(m_client, bad);
        QVERIFY(!b.created.ok());
        verifyGone(bad.id);
    }

    void twoRunsAtOnce()
    {
        const auto a = shell("twoA", QStringLiteral("for i in 1 2 3; do echo A$i; sleep 0.2; done"));
        const auto b = shell("twoB", QStringLiteral("for i in 1 2 3; do echo B$i; sleep 0.2; done; exit 5"));
        Outcome oa, ob;
        std::thread ta([&] { oa = runOnce(m_client, a); });
        std::thread tb([&] { ob = runOnce(m_client, b); });
        ta.join();
        tb.join();
        QCOMPARE(oa.out, QByteArray("A1\nA2\nA3\n"));
        QCOMPARE(ob.out, QByteArray("B1\nB2\nB3\n"));
        QCOMPARE(oa.exitStatus, 0);
        QCOMPARE(ob.exitStatus, 5);
        verifyGone(a.id);
        verifyGone(b.id);
    }

    void stackWithReversedParentsShowsTheOtherVersion()
    {
        SnapshotsService snapshots(m_client, QStringLiteral("overlayfs"));
        const QString scratch = uniqueId("scratch");
        // Unreferenced snapshots are garbage: without a gc.root label (ctr adds one) containerd's
        // collector may remove the scratch between prepare and run.
        auto mounts = snapshots.prepare(scratch, m_three.topChainId,
                                        {{QStringLiteral("containerd.io/gc.root"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
        QVERIFY(mounts.ok());
        auto removeScratch = qScopeGuard([&] { snapshots.remove(scratch); });
        QCOMPARE(mounts->size(), 1);
        auto stack = LayerStack::fromMount(mounts->constFirst());
        QVERIFY(stack.ok());
        QCOMPARE(stack->size(), 4); // three parents + the scratch

        auto request = [&](const char *what, const LayerStack &layers) {
            RunRequest r = shell(what, QStringLiteral("cat /strata/shadowed.txt; test -e /strata/doomed.txt && echo doomed-visible"));
            r.source = RunRequest::Source::Stack;
            r.image = {};
            r.stack = layers;
            return r;
        };

        const Outcome right = runOnce(m_client, request("stack", *stack));
        QVERIFY2(right.created.ok(), qPrintable(right.created.ok() ? QString() : right.created.error().message));
        QCOMPARE(right.out, QByteArray("layer 3\n"));

        LayerStack reversed = *stack;
        reversed.move(0, 2); // [l3,l2,l1] -> [l2,l1,l3]
        reversed.move(0, 1); // -> [l1,l2,l3]: base first, the wrong way round
        const Outcome refused = runOnce(m_client, request("refused", reversed));
        QVERIFY(!refused.created.ok());
        QVERIFY2(refused.created.error().message.contains(LayerViolation::WrongOrder), qPrintable(refused.created.error().message));

        auto anyway = request("anyway", reversed);
        anyway.runAnyway = true;
        const Outcome wrong = runOnce(m_client, anyway);
        QVERIFY2(wrong.created.ok(), qPrintable(wrong.created.ok() ? QString() : wrong.created.error().message));
        // Base on top: layer 2's file wins, and layer 3's whiteout no longer hides layer 1's file.
        QCOMPARE(wrong.out, QByteArray("layer 2\ndoomed-visible\n"));
        verifyGone(anyway.id);
    }
};

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
