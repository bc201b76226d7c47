#include "run/runspage.h"

#include "actionregistry.h"
#include "messagebanner.h"
#include "run/commandline.h"
#include "run/consoleview.h"
#include "run/quitprogressdialog.h"
#include "run/runcontroller.h"
#include "run/runimage.h"
#include "run/runleftovers.h"
#include "session/session.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDateTime>
#include <QFormLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QCompleter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace strata {

RunsPage::RunsPage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_image(new QLineEdit(this))
    , m_command(new QLineEdit(this))
    , m_tty(new QCheckBox(tr("TTY"), this))
    , m_remove(new QCheckBox(tr("Remove when done"), this))
    , m_run(new QPushButton(tr("Run"), this))
    , m_tabs(new QTabWidget(this))
    , m_banner(new MessageBanner(this))
    , m_stopAction(new QAction(tr("&Stop"), this))
    , m_killAction(new QAction(tr("&Kill"), this))
    , m_saveLogAction(new QAction(tr("Save &log…"), this))
    , m_findAction(new QAction(tr("&Find in output"), this))
    , m_closeAction(new QAction(tr("&Close tab"), this))
{
    m_banner->setObjectName(QStringLiteral("runsBanner"));
    m_image->setObjectName(QStringLiteral("runImage"));
    m_command->setObjectName(QStringLiteral("runCommand"));
    m_tty->setObjectName(QStringLiteral("runTty"));
    m_remove->setObjectName(QStringLiteral("runRemove"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_image->setPlaceholderText(tr("image, e.g. docker.io/library/busybox:latest"));
    m_command->setPlaceholderText(tr("command (empty: the image's entrypoint and cmd)"));
    m_remove->setChecked(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Image"), m_image);
    form->addRow(tr("Command"), m_command);
    auto *options = new QHBoxLayout;
    options->addWidget(m_tty);
    options->addWidget(m_remove);
    options->addStretch();
    options->addWidget(m_run);
    form->addRow(options);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);

    m_stopAction->setToolTip(tr("SIGTERM, then SIGKILL after the grace period"));
    m_saveLogAction->setShortcut(QKeySequence::Save);
    m_findAction->setShortcut(QKeySequence::Find);
    m_closeAction->setShortcut(QKeySequence::Close);
    const auto onConsole = [this](QAction *action, void (ConsoleView::*what)()) {
        connect(action, &QAction::triggered, this, [this, what] {
            if (ConsoleView *console = currentConsole())
                (console->*what)();
        });
    };
    onConsole(m_stopAction, &ConsoleView::stopRun);
    onConsole(m_killAction, &ConsoleView::killRun);
    onConsole(m_saveLogAction, &ConsoleView::saveLog);
    onConsole(m_findAction, &ConsoleView::focusFind);
    connect(m_closeAction, &QAction::triggered, this, [this] {
        if (m_tabs->currentIndex() >= 0)
            requestClose(m_tabs->currentIndex());
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &RunsPage::updateConsoleActions);
    updateConsoleActions();

    connect(m_run, &QPushButton::clicked, this, &RunsPage::runImage);
    connect(m_command, &QLineEdit::returnPressed, this, &RunsPage::runImage);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &RunsPage::requestClose);
}

void RunsPage::closeRun(ConsoleView *console)
{
    if (!console)
        return;
    m_tabs->removeTab(m_tabs->indexOf(console));
    RunController *run = console->controller();
    if (run->isFinished()) {
        console->deleteLater();
        return;
    }
    // The run outlives its tab: it ends on its own thread and reports only what it leaves.
    run->disconnect(console);
    run->setParent(this);
    m_closing << run;
    connect(run, &RunController::finished, this, [this, run] {
        const QStringList left = RunLeftovers::describe(*run);
        if (!left.isEmpty())
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  tr("The closed run %1 could not be cleaned up; left behind: %2. %3")
                                      .arg(run->request().id, left.join(QStringLiteral(", ")), RunLeftovers::advice()));
        if (m_quitting)
            return; // the quit dialog still counts it; it goes with the page
        m_closing.removeOne(run);
        run->deleteLater();
    });
    run->end();
    console->deleteLater();
}

void RunsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    watchWindow();
}

void RunsPage::watchWindow()
{
    // The window's close is what quitting with runs in flight has to catch, seen or not.
    if (!m_watchingWindow && window() != this) {
        window()->installEventFilter(this);
        m_watchingWindow = true;
    }
}

bool RunsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == window() && event->type() == QEvent::Close && !m_quitReady && runsInFlight() > 0) {
        event->ignore();
        if (!m_quitting)
            confirmQuit();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void RunsPage::confirmQuit()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit"),
                                tr("%n run(s) still in flight. Stop them, clean up what Strata created, and quit?", nullptr,
                                   runsInFlight()),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("runQuitConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_quitting = box;
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes) {
            m_quitting = nullptr;
            return;
        }
        auto *progress = new QuitProgressDialog(runsToEnd(), m_quitBound, this);
        progress->setAttribute(Qt::WA_DeleteOnClose);
        m_quitting = progress;
        connect(progress, &QDialog::finished, this, [this] {
            m_quitReady = true;
            window()->close();
        });
        progress->open();
    });
    box->open();
}

QList<RunController *> RunsPage::runsToEnd() const
{
    QList<RunController *> runs = m_closing;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *console = qobject_cast<ConsoleView *>(m_tabs->widget(i)); console && !console->controller()->isFinished())
            runs << console->controller();
    }
    return runs;
}

int RunsPage::runsInFlight() const
{
    return int(runsToEnd().size());
}

void RunsPage::requestClose(int index)
{
    auto *console = qobject_cast<ConsoleView *>(m_tabs->widget(index));
    if (!console || !console->controller()->inFlight())
        return closeRun(console);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Close run"),
                                tr("%1 is still running. Stop it and close the tab?").arg(console->controller()->request().id),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("runCloseConfirm"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, console = QPointer<ConsoleView>(console)] {
        if (console && box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            closeRun(console);
    });
    box->open();
}

ConsoleView *RunsPage::currentConsole() const
{
    return qobject_cast<ConsoleView *>(m_tabs->currentWidget());
}

void RunsPage::registerActions(ActionRegistry &registry)
{
    using Menu = ActionRegistry::Menu;
    registry.add(QStringLiteral("runs.stop"), m_stopAction, Menu::Page, this);
    registry.add(QStringLiteral("runs.kill"), m_killAction, Menu::Page, this);
    registry.add(QStringLiteral("runs.saveLog"), m_saveLogAction, Menu::Page, this);
    registry.add(QStringLiteral("runs.close"), m_closeAction, Menu::Page, this);
    registry.add(QStringLiteral("runs.find"), m_findAction, Menu::Edit, this);
}

void RunsPage::updateConsoleActions()
{
    const ConsoleView *console = currentConsole();
    m_stopAction->setEnabled(console && console->canStop());
    m_killAction->setEnabled(console && console->canKill());
    for (QAction *action : {m_saveLogAction, m_findAction, m_closeAction})
        action->setEnabled(console != nullptr);
}

ConsoleView *RunsPage::startRun(const RunRequest &request)
{
    if (!m_session->client()) {
        QMessageBox::warning(this, tr("Run"), tr("Not connected to containerd: connect first, then run %1 again.").arg(request.id));
        return nullptr;
    }
    watchWindow();
    auto *controller = new RunController(m_session->client(), request);
    auto *console = new ConsoleView(controller, m_tabs);
    const int index = m_tabs->addTab(console, console->title());
    m_tabs->setTabToolTip(index, request.id);
    m_tabs->setCurrentIndex(index);
    connect(console, &ConsoleView::titleChanged, this, [this, console](const QString &title) {
        m_tabs->setTabText(m_tabs->indexOf(console), title);
    });
    connect(console, &ConsoleView::stateChanged, this, [this, console] {
        if (console == currentConsole())
            updateConsoleActions();
    });
    controller->start();
    return console;
}

void RunsPage::prepareImageRun(const QString &image)
{
    m_image->setText(image);
    m_command->setFocus();
    m_command->selectAll();
}

void RunsPage::setImageCompletions(QAbstractItemModel *images, int column)
{
    auto *completer = new QCompleter(images, m_image);
    completer->setCompletionColumn(column);
    completer->setCompletionRole(Qt::DisplayRole);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_image->setCompleter(completer);
}

void RunsPage::runImage()
{
    const QString image = m_image->text().trimmed();
    if (image.isEmpty() || !m_session->client())
        return;
    auto args = CommandLine::split(m_command->text());
    if (!args) {
        QMessageBox::warning(this, tr("Run"), args.error().message);
        return;
    }
    RunRequest request;
    request.id = QStringLiteral("strata-%1").arg(QDateTime::currentMSecsSinceEpoch());
    request.args = *args;
    request.terminal = m_tty->isChecked();
    request.throwaway = m_remove->isChecked();
    m_run->setEnabled(false);
    m_session->call(this,
        [image](const std::shared_ptr<const Client> &client) { return RunImage::resolve(client, image); },
        [this, request](Result<RunRequest::Image> resolved) {
            m_run->setEnabled(true);
            if (!resolved) {
                QMessageBox::warning(this, tr("Run"), m_session->describe(resolved.error()));
                return;
            }
            RunRequest resolvedRequest = request;
            resolvedRequest.image = *resolved;
            startRun(resolvedRequest);
        });
}

} // namespace strata
