#include "testenv.h"

#include "connectdialog.h"
#include "firstrunpanel.h"
#include "mainwindow.h"
#include "messagebanner.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

#include <unistd.h>

using namespace strata;

class TestFirstRun : public QObject
{
    Q_OBJECT

    static QStringList imageNames(QTableView *view)
    {
        QStringList names;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            names << view->model()->index(r, 0).data().toString();
        return names;
    }

    // Short: a unix socket path has at most 107 bytes.
    QString m_demoDir = QStringLiteral("/tmp/strata-frt-%1").arg(QCoreApplication::applicationPid());

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    }

    void cleanupTestCase()
    {
        if (!QFileInfo::exists(m_demoDir))
            return;
        const auto stop = test::runProgram(QStringLiteral("bash"),
                                           {test::env("STRATA_SCRIPTS") + QStringLiteral("/private-containerd.sh"),
                                            QStringLiteral("stop"), m_demoDir});
        QVERIFY2(stop.exitCode == 0, stop.err.constData());
        QDir(m_demoDir).removeRecursively();
    }

    void unreachableAddressOffersChoices()
    {
        MainWindow window;
        window.show();
        const QString bad = QStringLiteral("unix:///nonexistent/strata-firstrun.sock");
        window.connectTo(bad, QStringLiteral("default"));
        auto *panel = window.findChild<FirstRunPanel *>();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
        QVERIFY(panel->findChild<QLabel *>(QStringLiteral("firstRunTitle"))->text().contains(bad));
        auto *choose = panel->findChild<QPushButton *>(QStringLiteral("chooseAddressButton"));
        QVERIFY(choose->isVisible() && choose->isEnabled());
        // This suite runs as root on Linux with the scripts at hand: the demo must be offered.
        QCOMPARE(::geteuid(), 0u);
        QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("startDemoButton"))->isVisible());
        // The cause stays in the banner, worded by ErrorText.
        QTRY_VERIFY(window.findChild<MessageBanner *>()->text().contains(QLatin1String("no such file")));
    }

    void chooseAnotherAddressOpensConnectDialog()
    {
        MainWindow window;
        window.show();
        const QString bad = QStringLiteral("unix:///nonexistent/strata-firstrun-2.sock");
        window.connectTo(bad, QStringLiteral("default"));
        auto *panel = window.findChild<FirstRunPanel *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);

        QString offered;
        QTimer::singleShot(0, this, [&offered] {
            auto *dialog = qobject_cast<ConnectDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            offered = dialog->address();
            dialog->reject();
        });
        panel->findChild<QPushButton *>(QStringLiteral("chooseAddressButton"))->click();
        QCOMPARE(offered, bad);
        QCOMPARE(window.session()->address(), bad); // cancelled: nothing changed
    }

    void reachableAddressShowsNoPanel()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        QVERIFY(!window.findChild<FirstRunPanel *>()->isVisible());
    }

    // Losing a containerd Strata already reached is an outage: banner only, no first-run panel.
    void outageOfAReachedServerShowsNoPanel()
    {
        MainWindow window;
        window.show();
        auto *panel = window.findChild<FirstRunPanel *>();
        window.connectTo(test::address(), test::testNamespace());
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        window.session()->reportError(Error{Error::Unavailable, QStringLiteral("connection refused")});
        QCOMPARE(window.session()->state(), Session::State::Unreachable);
        QVERIFY(!panel->isVisible());
    }

    // The demo path end to end: scripts start a private containerd, import the images, and the
    // window connects to it and lists them.
    void startDemoConnectsToIt()
    {
        MainWindow window;
        window.show();
        window.connectTo(QStringLiteral("unix:///nonexistent/strata-firstrun-3.sock"), QStringLiteral("default"));
        auto *panel = window.findChild<FirstRunPanel *>();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
        panel->setDemoDirectory(m_demoDir);
        panel->findChild<QPushButton *>(QStringLiteral("startDemoButton"))->click();
        auto *progress = panel->findChild<QLabel *>(QStringLiteral("demoProgress"));
        QVERIFY(progress->isVisible());
        QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("chooseAddressButton"))->isEnabled());

        const QString address = QStringLiteral("unix://%1/containerd.sock").arg(m_demoDir);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->address() == address
                                     && window.session()->state() == Session::State::Connected,
                                 300000);
        QCOMPARE(window.session()->ns(), QStringLiteral("default"));
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).contains(QStringLiteral("strata.test/three:latest")), 10000);
        QVERIFY(imageNames(view).contains(QStringLiteral("strata.test/one:latest")));
        // The panel stays to say how to stop the daemon it left running.
        QVERIFY(panel->isVisible());
        QVERIFY2(progress->text().contains(QStringLiteral("private-containerd.sh stop %1").arg(m_demoDir)),
                 qPrintable(progress->text()));
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
