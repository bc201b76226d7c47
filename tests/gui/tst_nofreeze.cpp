// The GUI thread never waits on containerd or on disk: with the private containerd stopped,
// closing a run's tab, quitting with a run in flight, switching namespace, opening an offline
// store in the layer editor and refreshing every page each leave the event loop turning (no gap over 200 ms, measured by test::EventLoopWatchdog). Quitting gives up
// after its bound and names what was left behind. containerd is always started again.

#include "containerdcontrol.h"
#include "eventloopwatchdog.h"

#include "mainwindow.h"
#include "messagebanner.h"
#include "editor/editorpage.h"
#include "run/consoleview.h"
#include "run/quitprogressdialog.h"
#include "run/runcontroller.h"
#include "run/runimage.h"
#include "run/runspage.h"

#include <QAction>
#include <QComboBox>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace strata;

namespace {

constexpr qint64 MaxStallMs = 200;

bool listed(const QString &what, const QString &id)
{
    const auto out = test::ctr({what, QStringLiteral("ls"), QStringLiteral("-q")});
    return QString::fromUtf8(out.out).split(QLatin1Char('\n')).contains(id);
}

// Removes by hand what a run left while containerd was away.
void removeRun(const QString &id)
{
    test::ctr({QStringLiteral("tasks"), QStringLiteral("rm"), QStringLiteral("-f"), id});
    test::ctr({QStringLiteral("containers"), QStringLiteral("rm"), id});
    test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), id});
}

// Clicks `button` of the message box called `name` once it is open (the loop keeps turning).
bool answer(QWidget *scope, const QString &name, QMessageBox::StandardButton button)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = scope->findChild<QMessageBox *>(name)) && box->isVisible(); }, 5000))
        return false;
    box->button(button)->click();
    return true;
}

} // namespace

class TestNoFreeze : public QObject
{
    Q_OBJECT

    RunRequest::Image m_one;
    MainWindow *m_window = nullptr;
    RunsPage *m_runs = nullptr;
    test::EventLoopWatchdog m_dog;

    ConsoleView *startSleeper(const char *name)
    {
        RunRequest request;
        request.id = QStringLiteral("strata-nofreeze-%1-%2").arg(QLatin1String(name)).arg(QCoreApplication::applicationPid());
        request.image = m_one;
        request.withStdin = false;
        request.throwaway = true;
        request.args = {QStringLiteral("sleep"), QStringLiteral("60")};
        ConsoleView *console = m_runs->startRun(request);
        if (!console || !QTest::qWaitFor([&] { return console->controller()->state() == RunController::State::Running; }, 20000))
            return nullptr;
        return console;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY(client.ok());
        auto one = RunImage::resolve(*client, QStringLiteral("strata.test/one:latest"));
        QVERIFY2(one.ok(), one ? "" : qPrintable(one.error().message));
        m_one = *one;
        m_dog.start();
    }

    void init()
    {
        QVERIFY(test::startContainerd());
        m_window = new MainWindow;
        m_window->resize(1200, 800);
        m_window->show();
        m_window->connectTo(test::address(), test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->state() == Session::State::Connected, 20000);
        m_runs = m_window->findChild<RunsPage *>();
        QVERIFY(m_runs);
    }

    void cleanup()
    {
        delete m_window;
        m_window = nullptr;
    }

    void cleanupTestCase() { test::startContainerd(); }

    void closingARunTab()
    {
        ConsoleView *console = startSleeper("close");
        QVERIFY(console);
        const QString id = console->controller()->request().id;
        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(SIGKILL));
        QTest::qWait(1500); // the run is in its reconnect loop now

        m_dog.reset();
        const QPointer<ConsoleView> tab(console);
        Q_EMIT m_runs->tabs()->tabCloseRequested(m_runs->tabs()->indexOf(console));
        QVERIFY(answer(m_runs, QStringLiteral("runCloseConfirm"), QMessageBox::Yes));
        QTRY_VERIFY_WITH_TIMEOUT(!tab, 1000); // at once
        QTest::qWait(1500);
        qInfo("closing a run tab: %s", qPrintable(m_dog.report()));
        QVERIFY2(m_dog.longestStallMs() < MaxStallMs, qPrintable(m_dog.report()));
        QVERIFY(m_dog.ticks() > 50);
        QCOMPARE(m_runs->runsInFlight(), 1); // still cleaning up, in the background

        // containerd back: the closed run finishes its cleanup by itself.
        QVERIFY(test::startContainerd());
        restart.dismiss();
        QTRY_COMPARE_WITH_TIMEOUT(m_runs->runsInFlight(), 0, 30000);
        QVERIFY(!listed(QStringLiteral("containers"), id));
        QVERIFY(!listed(QStringLiteral("snapshots"), id));
        QVERIFY(m_runs->banner()->text().isEmpty());
    }

    void quittingWithARunInFlight()
    {
        ConsoleView *console = startSleeper("quit");
        QVERIFY(console);
        const QString id = console->controller()->request().id;
        auto restart = qScopeGuard([id] {
            test::startContainerd();
            removeRun(id);
        });
        m_runs->setQuitBound(std::chrono::seconds(3));
        QVERIFY(test::stopDaemonOnly(SIGKILL));
        QTest::qWait(1500);

        m_dog.reset();
        QVERIFY(!m_window->close()); // asks first
        QVERIFY(answer(m_runs, QStringLiteral("runQuitConfirm"), QMessageBox::Yes));
        QuitProgressDialog *progress = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((progress = m_runs->findChild<QuitProgressDialog *>()) && progress->isVisible(), 2000);
        QTRY_VERIFY_WITH_TIMEOUT(progress->gaveUp(), 6000);
        QTRY_VERIFY_WITH_TIMEOUT(progress->text().contains(QLatin1String("Left behind")), 3000);
        QVERIFY2(progress->text().contains(QStringLiteral("container %1").arg(id)), qPrintable(progress->text()));
        QVERIFY2(progress->text().contains(QStringLiteral("snapshot %1").arg(id)), qPrintable(progress->text()));
        QVERIFY(m_window->isVisible());
        progress->findChild<QPushButton *>(QStringLiteral("runQuitButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 2000);
        qInfo("quitting with a run in flight: %s", qPrintable(m_dog.report()));
        QVERIFY2(m_dog.longestStallMs() < MaxStallMs, qPrintable(m_dog.report()));

        // What it named is what containerd holds once back.
        QVERIFY(test::startContainerd());
        QVERIFY(listed(QStringLiteral("containers"), id));
    }

    void switchingNamespace()
    {
        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(SIGKILL));
        m_dog.reset();
        m_window->connectTo(test::address(), QStringLiteral("strata-nofreeze-elsewhere"));
        QTest::qWait(1500);
        QVERIFY(m_window->session()->state() != Session::State::Connected);
        QVERIFY2(m_dog.longestStallMs() < MaxStallMs, qPrintable(m_dog.report()));
    }

    // Decoding meta.db and metadata.db happens on a worker; the daemon is stopped so the
    // files are not locked and the read is a real one.
    void openingAnOfflineStore()
    {
        auto *editor = m_window->findChild<EditorPage *>();
        QVERIFY(editor);
        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(SIGTERM));
        QSignalSpy loaded(editor, &EditorPage::storeLoaded);
        editor->snapshotterChoice()->setCurrentText(QStringLiteral("overlayfs"));
        m_dog.reset();
        editor->loadOfflineStore(test::env("STRATA_TEST_ROOT"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(loaded.constLast().constFirst().toInt() > 0);
        QVERIFY2(m_dog.longestStallMs() < MaxStallMs, qPrintable(m_dog.report()));
    }

    void refreshingEveryPage()
    {
        auto *pages = m_window->findChild<QTabWidget *>();
        QVERIFY(pages);
        QAction *refresh = nullptr;
        for (QAction *action : m_window->findChildren<QAction *>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Refresh))
                refresh = action;
        }
        QVERIFY(refresh);
        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(SIGKILL));

        for (int i = 0; i < pages->count(); ++i) {
            pages->setCurrentIndex(i);
            m_dog.reset();
            refresh->trigger();
            QTest::qWait(1000);
            qInfo("refreshing %s: %s", qPrintable(pages->tabText(i)), qPrintable(m_dog.report()));
            QVERIFY2(m_dog.longestStallMs() < MaxStallMs,
                     qPrintable(pages->tabText(i) + QStringLiteral(": ") + m_dog.report()));
        }
    }
};

QTEST_MAIN(TestNoFreeze)
#include "tst_nofreeze.moc"
