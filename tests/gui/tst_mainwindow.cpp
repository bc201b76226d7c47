#include "testenv.h"

#include "mainwindow.h"
#include "messagebanner.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace strata;

class TestMainWindow : public QObject
{
    Q_OBJECT

    static QStringList imageNames(QTableView *view)
    {
        QStringList names;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            names << view->model()->index(r, 0).data().toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    }

    void connectsAndListsImages()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).contains(QStringLiteral("strata.test/three:latest")), 10000);
        QVERIFY(imageNames(view).contains(QStringLiteral("strata.test/one:latest")));
        QCOMPARE(window.session()->state(), Session::State::Connected);
        auto *label = window.findChild<QLabel *>(QStringLiteral("serverLabel"));
        QVERIFY(label->text().contains(window.session()->serverVersion().version));
        QVERIFY(label->text().contains(test::testNamespace()));
    }

    // The window stays responsive and says what to do; nothing blocks on the dead socket.
    void unreachableAddressShowsBanner()
    {
        MainWindow window;
        window.show();
        const QString bad = QStringLiteral("unix:///nonexistent/strata-test.sock");
        window.connectTo(bad, QStringLiteral("default"));
        auto *banner = window.findChild<MessageBanner *>();
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("no such file; is containerd running?")), 10000);
        QCOMPARE(window.session()->state(), Session::State::Unreachable);
    }

    // A result of the previous connection must not land after switching.
    void switchingConnectionDropsStaleResults()
    {
        MainWindow window;
        window.connectTo(test::address(), test::testNamespace());
        window.connectTo(test::address(), QStringLiteral("strata-empty-%1").arg(QCoreApplication::applicationPid()));
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        QTest::qWait(500);
        QCOMPARE(view->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
