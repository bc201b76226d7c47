// The Runs page against the private containerd, driven through its widgets: live output in a
// console tab, stderr in its own colour, stdin, Kill, the containers dock and its clean-up,
// and quitting with a run in flight.

#include "testenv.h"

#include "messagebanner.h"
#include "run/consoleview.h"
#include "run/containersdock.h"
#include "run/runcontroller.h"
#include "run/runspage.h"
#include "session/session.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QTreeWidget>

using namespace strata;

namespace {

const QString kOne = QStringLiteral("strata.test/one:latest");

// The first fragment of the console block whose text is `line`.
QTextCharFormat formatOfLine(const QPlainTextEdit *output, const QString &line)
{
    for (QTextBlock b = output->document()->begin(); b.isValid(); b = b.next()) {
        if (b.text() == line)
            return b.begin().fragment().charFormat();
    }
    return {};
}

bool containerExists(const QString &id)
{
    const auto listed = test::ctr({QStringLiteral("containers"), QStringLiteral("ls"), QStringLiteral("-q")});
    return QString::fromUtf8(listed.out).split(QLatin1Char('\n')).contains(id);
}

bool taskExists(const QString &id)
{
    const auto listed = test::ctr({QStringLiteral("tasks"), QStringLiteral("ls"), QStringLiteral("-q")});
    return QString::fromUtf8(listed.out).split(QLatin1Char('\n')).contains(id);
}

} // namespace

class TestRunsPage : public QObject
{
    Q_OBJECT

    Session *m_session = nullptr;
    QMainWindow *m_window = nullptr;
    RunsPage *m_page = nullptr;
    ContainersDock *m_dock = nullptr;
    QString m_question; // the text of the last question answered by answerNextQuestion()
    QPointer<QTimer> m_answer;

    // Clicks `button` in the next message box that opens (they are modal: a timer answers).
    void answerNextQuestion(QMessageBox::StandardButton button)
    {
        m_question.clear();
        delete m_answer;
        auto *poll = new QTimer(this);
        m_answer = poll;
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [this, poll, button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || !box->button(button))
                return;
            m_question = box->text();
            poll->deleteLater();
            box->button(button)->click();
        });
        poll->start();
    }

    // Starts `command` on the one-layer image through the form; the new tab's console.
    ConsoleView *runFromForm(const QString &command, bool remove = true)
    {
        const int before = m_page->tabs()->count();
        auto *image = m_page->findChild<QLineEdit *>(QStringLiteral("runImage"));
        auto *commandLine = m_page->findChild<QLineEdit *>(QStringLiteral("runCommand"));
        auto *removeBox = m_page->findChild<QCheckBox *>(QStringLiteral("runRemove"));
        auto *run = m_page->findChild<QPushButton *>(QStringLiteral("runButton"));
        if (!image || !commandLine || !removeBox || !run)
            return nullptr;
        image->setText(kOne);
        commandLine->setText(command);
        removeBox->setChecked(remove);
        run->click();
        if (!QTest::qWaitFor([&] { return m_page->tabs()->count() == before + 1; }, 20000))
            return nullptr;
        return qobject_cast<ConsoleView *>(m_page->tabs()->widget(before));
    }

    static QString stateText(ConsoleView *console)
    {
        return console->findChild<QLabel *>(QStringLiteral("consoleState"))->text();
    }

    static bool waitRunning(ConsoleView *console)
    {
        return QTest::qWaitFor([&] { return console->controller()->state() == RunController::State::Running; }, 20000);
    }

    QTreeWidgetItem *dockItem(const QString &id) const
    {
        const auto found = m_dock->tree()->findItems(id, Qt::MatchExactly, 0);
        return found.isEmpty() ? nullptr : found.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        m_session = new Session(this);
        m_window = new QMainWindow;
        m_page = new RunsPage(m_session);
        m_window->setCentralWidget(m_page);
        m_dock = new ContainersDock(m_session, m_window);
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
        m_window->resize(1200, 800);
        m_window->show();
        m_session->connectTo(test::address(), test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->state() == Session::State::Connected, 20000);
    }

    void cleanupTestCase()
    {
        delete m_window;
    }

    void outputIsLiveThenExitShown()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sh -c 'echo a; sleep 1; echo b'"));
        QVERIFY(console);
        QVERIFY2(QTest::qWaitFor([&] { return console->text().contains(QLatin1String("a\n")); }, 20000),
                 qPrintable(stateText(console) + QLatin1Char('|') + console->text()));
        // Seen while the process still sleeps: the line came live, not at exit.
        QVERIFY(console->controller()->inFlight());
        QVERIFY(!console->text().contains(QLatin1String("b")));
        QVERIFY(!stateText(console).contains(QLatin1String("exited")));
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 0")), 20000);
        QCOMPARE(console->text(), QStringLiteral("a\nb\n"));
        const int tab = m_page->tabs()->indexOf(console);
        const QString title = m_page->tabs()->tabText(tab);
        QVERIFY2(title.startsWith(QLatin1String("one:latest: sh -c echo a; sleep 1;")) && title.endsWith(QStringLiteral("… (0)")),
                 qPrintable(title));
        QCOMPARE(m_page->tabs()->tabToolTip(tab), console->controller()->request().id);
    }

    void stderrHasItsOwnColour()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sh -c 'echo out; echo err >&2; exit 3'"));
        QVERIFY(console);
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 3")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(QLatin1String("err")), 5000);
        const QTextCharFormat out = formatOfLine(console->output(), QStringLiteral("out"));
        const QTextCharFormat err = formatOfLine(console->output(), QStringLiteral("err"));
        QVERIFY(err.isValid() && out.isValid());
        QVERIFY(!out.hasProperty(QTextFormat::ForegroundBrush)); // stdout: the palette's text colour
        QVERIFY(err.hasProperty(QTextFormat::ForegroundBrush));
        const QColor red = err.foreground().color();
        QVERIFY2(red.red() > red.green() + red.blue(), qPrintable(red.name()));
    }

    void stdinEchoedThroughCat()
    {
        ConsoleView *console = runFromForm(QStringLiteral("cat"));
        QVERIFY(console);
        QVERIFY(waitRunning(console));
        auto *input = console->findChild<QLineEdit *>(QStringLiteral("consoleInput"));
        QVERIFY(input && input->isEnabled());
        QTest::keyClicks(input, QStringLiteral("hello through cat"));
        console->findChild<QPushButton *>(QStringLiteral("consoleSend"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(console->text() == QLatin1String("hello through cat\n"), 10000);
        QVERIFY(input->text().isEmpty());
        // End of input ends cat.
        console->findChild<QPushButton *>(QStringLiteral("consoleEndInput"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 0")), 10000);
    }

    void killGives137()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sleep 60"));
        QVERIFY(console);
        QVERIFY(waitRunning(console));
        auto *kill = console->findChild<QPushButton *>(QStringLiteral("consoleKill"));
        QVERIFY(kill->isEnabled());
        kill->click();
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 137")), 15000);
        QVERIFY(!kill->isEnabled());
        const QString id = console->controller()->request().id;
        QTRY_VERIFY_WITH_TIMEOUT(!containerExists(id), 10000); // "Remove when done"
    }

    void ttyRunIsToldTheConsoleSize()
    {
        auto *tty = m_page->findChild<QCheckBox *>(QStringLiteral("runTty"));
        tty->setChecked(true);
        ConsoleView *console = runFromForm(QStringLiteral("sh -c 'while true; do stty size; sleep 0.2; done'"));
        tty->setChecked(false);
        QVERIFY(console);
        auto sizeLine = [console] {
            const QSize cells = console->terminalSize();
            return QStringLiteral("%1 %2\n").arg(cells.height()).arg(cells.width());
        };
        QVERIFY(console->terminalSize().width() > 20);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(sizeLine()), 20000);

        // A smaller window: the new size reaches the task once the resizing settles.
        const QString before = sizeLine();
        m_window->resize(800, 500);
        QTRY_VERIFY_WITH_TIMEOUT(sizeLine() != before, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(console->text().contains(sizeLine()), 10000);
        console->findChild<QPushButton *>(QStringLiteral("consoleKill"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 137")), 15000);
        m_window->resize(1200, 800);
    }

    void dockListsLiveAndCleansUp()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sleep 3"), false);
        QVERIFY(console);
        const QString id = console->controller()->request().id;
        QVERIFY(waitRunning(console));
        // From the task events, not from a poll: the dock has no timer of its own.
        QTRY_VERIFY_WITH_TIMEOUT(dockItem(id) && dockItem(id)->text(2) == QLatin1String("running"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 0")), 20000);
        // A kept run: its container stays, its task is gone.
        QTRY_VERIFY_WITH_TIMEOUT(dockItem(id) && dockItem(id)->text(2) == QLatin1String("no task"), 10000);
        QVERIFY(containerExists(id));

        // It asks first: Cancel keeps the kept run, Yes removes it.
        auto *cleanup = m_dock->findChild<QPushButton *>(QStringLiteral("containersCleanup"));
        answerNextQuestion(QMessageBox::Cancel);
        cleanup->click();
        QVERIFY(m_question.contains(QLatin1String("Strata started")));
        QTest::qWait(300);
        QVERIFY(dockItem(id) && containerExists(id));
        answerNextQuestion(QMessageBox::Yes);
        cleanup->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dockItem(id), 10000);
        QVERIFY(!containerExists(id));
        const auto snapshots = test::ctr({QStringLiteral("snapshots"), QStringLiteral("ls")});
        QVERIFY2(!snapshots.out.contains(id.toUtf8()), snapshots.out.constData());
    }

    void stopShowsItsGracePeriod()
    {
        // pid 1 of a container ignores SIGTERM it has no handler for: Stop has to wait.
        ConsoleView *console = runFromForm(QStringLiteral("sleep 60"));
        QVERIFY(console);
        QVERIFY(waitRunning(console));
        auto *stop = console->findChild<QPushButton *>(QStringLiteral("consoleStop"));
        QVERIFY(stop->isEnabled());
        stop->click();
        QVERIFY2(stateText(console).contains(QLatin1String("SIGTERM sent, SIGKILL in 10 s")), qPrintable(stateText(console)));
        QVERIFY(!stop->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("SIGKILL in 8 s")), 5000);
        QVERIFY(console->controller()->inFlight());
        console->findChild<QPushButton *>(QStringLiteral("consoleKill"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(stateText(console).contains(QLatin1String("exited with code 137")), 15000);
    }

    void closingATabEndsItsRunInTheBackground()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sleep 60"));
        QVERIFY(console);
        QVERIFY(waitRunning(console));
        const QString id = console->controller()->request().id;
        const QPointer<ConsoleView> tab(console);
        answerNextQuestion(QMessageBox::Yes);
        Q_EMIT m_page->tabs()->tabCloseRequested(m_page->tabs()->indexOf(console));
        QTRY_VERIFY_WITH_TIMEOUT(!tab, 5000);
        QVERIFY(m_question.contains(QLatin1String("still running")));
        QTRY_COMPARE_WITH_TIMEOUT(m_page->runsInFlight(), 0, 20000);
        QVERIFY(!taskExists(id));
        QVERIFY(!containerExists(id));
        QVERIFY(m_page->banner()->text().isEmpty()); // nothing left behind to report
    }

    void quittingAsksThenCleansUp()
    {
        ConsoleView *console = runFromForm(QStringLiteral("sleep 60"));
        QVERIFY(console);
        const QString id = console->controller()->request().id;
        QVERIFY(waitRunning(console));
        QCOMPARE(m_page->runsInFlight(), 1);

        // "No" keeps the window and the run.
        answerNextQuestion(QMessageBox::No);
        QVERIFY(!m_window->close()); // it asks without blocking: the close waits for the answer
        QTRY_VERIFY_WITH_TIMEOUT(!m_question.isEmpty(), 5000);
        QVERIFY2(m_question.contains(QLatin1String("1 run(s) still in flight")), qPrintable(m_question));
        QTest::qWait(100);
        QVERIFY(m_window->isVisible());
        QVERIFY(console->controller()->inFlight());
        QVERIFY(taskExists(id));

        // "Yes": the progress dialog ends the run, closes by itself, and the window closes.
        answerNextQuestion(QMessageBox::Yes);
        QVERIFY(!m_window->close());
        QTRY_VERIFY_WITH_TIMEOUT(!m_question.isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 30000);
        QCOMPARE(m_page->runsInFlight(), 0);
        QVERIFY(!taskExists(id));
        QVERIFY(!containerExists(id));
        const auto snapshots = test::ctr({QStringLiteral("snapshots"), QStringLiteral("ls")});
        QVERIFY2(!snapshots.out.contains(id.toUtf8()), snapshots.out.constData());
    }
};

QTEST_MAIN(TestRunsPage)
#include "tst_runspage.moc"
