// Session::call hands a result to its receiver only while the connection that started the
// call is still the current one. No containerd is needed: gRPC channels connect lazily, and
// the calls here never touch the client.

#include "session/session.h"

#include <QSemaphore>
#include <QTest>

#include <atomic>

using namespace strata;

namespace {

const QString Address = QStringLiteral("unix:///nonexistent/strata-session-test.sock");

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

    struct Call
    {
        std::shared_ptr<QSemaphore> gate = std::make_shared<QSemaphore>();
        std::shared_ptr<std::atomic_bool> ran = std::make_shared<std::atomic_bool>(false);
        bool delivered = false;
    };

    // Starts a call whose work waits for `call.gate`, so the test decides what happens first.
    static void start(Session &session, QObject *receiver, Call &call)
    {
        session.call(
            receiver,
            [gate = call.gate, ran = call.ran](const std::shared_ptr<const Client> &) {
                gate->acquire();
                ran->store(true);
                return 1;
            },
            [&call](int) { call.delivered = true; });
    }

private Q_SLOTS:
    void resultOfTheCurrentConnectionArrives()
    {
        Session session;
        QObject receiver;
        session.connectTo(Address, QStringLiteral("a"));
        Call call;
        start(session, &receiver, call);
        call.gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(call.delivered, 5000);
    }

    void resultOfAPreviousConnectionIsDropped()
    {
        Session session;
        QObject receiver;
        session.connectTo(Address, QStringLiteral("a"));
        Call call;
        start(session, &receiver, call);
        session.connectTo(Address, QStringLiteral("b"));
        call.gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(call.ran->load(), 5000);
        QTest::qWait(200); // the continuation has had its turn of the event loop
        QVERIFY(!call.delivered);
    }

    void resultForADeadReceiverIsDropped()
    {
        Session session;
        auto receiver = std::make_unique<QObject>();
        session.connectTo(Address, QStringLiteral("a"));
        Call call;
        start(session, receiver.get(), call);
        receiver.reset();
        call.gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(call.ran->load(), 5000);
        QTest::qWait(200);
        QVERIFY(!call.delivered);
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
