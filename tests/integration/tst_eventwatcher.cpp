// EventWatcher against the private containerd: filters reach containerd quoted (a namespace
// with '.' and '-', a topic prefix with a regex metacharacter), the stream comes back after a
// containerd restart and says so, a watch that was stopped delivers nothing more (and stop()
// does not wait for a busy handler), and an unreachable daemon is reported once while the
// watcher keeps trying. The daemon is always started again, pass or fail.

#include "containerdcontrol.h"

#include "client/client.h"
#include "events/eventwatcher.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <semaphore>

using namespace strata;

namespace {

const QString kOtherNs = QStringLiteral("strata-test.ev-1");

QString uniqueKey(const char *what)
{
    static int n = 0;
    return QStringLiteral("watch-%1-%2-%3").arg(QLatin1String(what)).arg(QCoreApplication::applicationPid()).arg(++n);
}

// An active snapshot with no parent: one /snapshot/prepare event, and nothing else to undo
// than removing it.
bool prepare(const QString &key, const QString &ns = {})
{
    return test::ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), key}, ns).exitCode == 0;
}

void removeSnapshot(const QString &key, const QString &ns = {})
{
    test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), key}, ns);
}

QStringList keysOf(const QList<EventEnvelope> &events)
{
    QStringList keys;
    for (const auto &e : events)
        keys << e.fields.value(QStringLiteral("key")).toString();
    return keys;
}

} // namespace

class TestEventWatcher : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Client> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY(client.ok());
        m_client = *client;
    }

    void cleanupTestCase()
    {
        test::startContainerd();
        test::ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), kOtherNs});
    }

    void filtersAreQuoted()
    {
        // Both namespaces exist before the watch starts, so creating one sends no event.
        const QString warmup = uniqueKey("warmup");
        QVERIFY(prepare(warmup, kOtherNs));
        removeSnapshot(warmup, kOtherNs);

        EventWatcher ours, literal;
        QList<EventEnvelope> seen, literalSeen;
        QSignalSpy failures(&ours, &EventWatcher::failed);
        QSignalSpy literalFailures(&literal, &EventWatcher::failed);
        connect(&ours, &EventWatcher::event, this, [&](const EventEnvelope &e) { seen << e; });
        connect(&literal, &EventWatcher::event, this, [&](const EventEnvelope &e) { literalSeen << e; });
        ours.start(m_client->withNamespace(kOtherNs), EventFilter{kOtherNs, {QStringLiteral("/snapshot/")}});
        // Read as a pattern "/snapshot." would match "/snapshot/prepare"; as the literal it is,
        // nothing.
        literal.start(m_client, EventFilter{test::testNamespace(), {QStringLiteral("/snapshot.")}});
        QTest::qWait(500); // both subscriptions registered

        const QString theirs = uniqueKey("theirs");
        const QString mine = uniqueKey("mine");
        QVERIFY(prepare(theirs));          // the test namespace: not ours
        QVERIFY(prepare(mine, kOtherNs)); // ours
        auto cleanup = qScopeGuard([&] {
            removeSnapshot(theirs);
            removeSnapshot(mine, kOtherNs);
        });
        QTRY_VERIFY_WITH_TIMEOUT(keysOf(seen).contains(mine), 10000);
        QTest::qWait(500);
        QVERIFY2(!keysOf(seen).contains(theirs), qPrintable(keysOf(seen).join(QLatin1Char(','))));
        for (const auto &e : seen) {
            QCOMPARE(e.ns, kOtherNs);
            QVERIFY2(e.topic.startsWith(QLatin1String("/snapshot/")), qPrintable(e.topic));
        }
        QVERIFY2(literalSeen.isEmpty(), qPrintable(literalSeen.value(0).topic));
        QCOMPARE(failures.count(), 0);
        QCOMPARE(literalFailures.count(), 0); // containerd took both filters
        QVERIFY(ours.isWatching() && ours.isLive());
    }

    void staleResultsAreDropped()
    {
        EventWatcher watcher;
        std::binary_semaphore entered(0), release(0);
        std::atomic<int> delivered{0};
        watcher.start(m_client, EventFilter{test::testNamespace(), {QStringLiteral("/snapshot/")}},
                      [&](const EventEnvelope &, const EventWatcher::Deliver &deliver) {
                          entered.release();
                          release.acquire(); // a follow-up call that takes its time
                          deliver([&] { ++delivered; });
                      });
        QTest::qWait(500);
        const QString key = uniqueKey("stale");
        QVERIFY(prepare(key));
        auto cleanup = qScopeGuard([&] { removeSnapshot(key); });
        QVERIFY(entered.try_acquire_for(std::chrono::seconds(10)));

        // The handler is busy: stop() must not wait for it.
        QElapsedTimer clock;
        clock.start();
        watcher.stop();
        QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!watcher.isWatching());
        release.release();
        QTest::qWait(500);
        QCOMPARE(delivered.load(), 0);

        // A new watch on the same watcher delivers its own results.
        QList<EventEnvelope> seen;
        connect(&watcher, &EventWatcher::event, this, [&](const EventEnvelope &e) { seen << e; });
        watcher.start(m_client, EventFilter{test::testNamespace(), {QStringLiteral("/snapshot/")}});
        QTest::qWait(500);
        removeSnapshot(key);
        cleanup.dismiss();
        QTRY_VERIFY_WITH_TIMEOUT(keysOf(seen).contains(key), 10000);
        QCOMPARE(delivered.load(), 0);
    }

    void unreachableIsReportedOnce()
    {
        auto client = Client::create({QStringLiteral("unix:///nonexistent/strata-watch.sock"), test::testNamespace()});
        QVERIFY(client.ok());
        EventWatcher watcher;
        QSignalSpy failures(&watcher, &EventWatcher::failed);
        QSignalSpy resumed(&watcher, &EventWatcher::resumed);
        watcher.start(*client, EventFilter{test::testNamespace(), {QStringLiteral("/snapshot/")}});
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 5000);
        const auto error = failures.first().at(0).value<Error>();
        QVERIFY2(error.is(Error::Unavailable), qPrintable(error.message));
        QVERIFY(failures.first().at(1).toBool()); // retrying
        QVERIFY(!watcher.isLive());
        QVERIFY(watcher.isWatching());
        // Several retries later: still one report, never resumed.
        QTest::qWait(int(3 * EventWatcher::RetryInterval.count()));
        QCOMPARE(failures.count(), 1);
        QCOMPARE(resumed.count(), 0);
    }

    void resumesAfterContainerdRestart_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGKILL") << int(SIGKILL);
    }

    void resumesAfterContainerdRestart()
    {
        QFETCH(int, signal);
        EventWatcher watcher;
        QList<EventEnvelope> seen;
        QSignalSpy failures(&watcher, &EventWatcher::failed);
        QSignalSpy resumed(&watcher, &EventWatcher::resumed);
        connect(&watcher, &EventWatcher::event, this, [&](const EventEnvelope &e) { seen << e; });
        watcher.start(m_client, EventFilter{test::testNamespace(), {QStringLiteral("/snapshot/")}});
        QTest::qWait(500);

        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(signal));
        QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 1, 10000);
        QVERIFY(failures.first().at(1).toBool());
        QVERIFY(!watcher.isLive());
        QTest::qWait(int(2 * EventWatcher::RetryInterval.count())); // retries while it is away
        QCOMPARE(failures.count(), 1);
        QVERIFY(test::startContainerd());
        restart.dismiss();

        QTRY_COMPARE_WITH_TIMEOUT(resumed.count(), 1, 15000);
        QVERIFY(watcher.isLive());
        const QString key = uniqueKey("after");
        QVERIFY(prepare(key));
        auto cleanup = qScopeGuard([&] { removeSnapshot(key); });
        QTRY_VERIFY_WITH_TIMEOUT(keysOf(seen).contains(key), 10000);
        QCOMPARE(failures.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestEventWatcher)
#include "tst_eventwatcher.moc"
