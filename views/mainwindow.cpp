#include "mainwindow.h"

#include "aboutdialog.h"
#include "actionregistry.h"
#include "atlas/atlaspage.h"
#include "atlas/offlinewindow.h"
#include "connectdialog.h"
#include "elidedlabel.h"
#include "editor/editorpage.h"
#include "firstrunpanel.h"
#include "helpdialog.h"
#include "helpresources.h"
#include "messagebanner.h"
#include "run/containersdock.h"
#include "run/runspage.h"

#include "images/imagespage.h"
#include "page.h"

#include "images/imagelistmodel.h"
#include "run/runrequest.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace strata {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pages(new QTabWidget(this))
    , m_banner(new MessageBanner(this))
    , m_serverLabel(new ElidedLabel(this))
{
    setWindowTitle(tr("Strata"));
    resize(1100, 700);

    auto *images = new ImagesPage(&m_session, this);
    auto *atlas = new AtlasPage(&m_session, this);
    auto *editor = new EditorPage(&m_session, this);
    auto *runs = new RunsPage(&m_session, this);
    addPage(images, tr("&Images"));
    addPage(atlas, tr("&Atlas"));
    addPage(editor, tr("&Layer stack"));
    addPage(runs, tr("&Runs"));
    runs->setImageCompletions(images->model(), ImageListModel::Name);
    editor->setPaletteModel(atlas->model());
    // Dragging from the Atlas onto the "Layer stack" tab opens it, to drop there.
    m_pages->tabBar()->setChangeCurrentOnDrag(true);
    m_pages->tabBar()->setAcceptDrops(true);
    connect(images, &ImagesPage::runRequested, this, [this, runs](const QString &image) {
        runs->prepareImageRun(image);
        m_pages->setCurrentWidget(runs);
    });
    connect(images, &ImagesPage::showInAtlasRequested, this, [this, atlas](const QString &image) {
        m_pages->setCurrentWidget(atlas);
        if (!atlas->showImage(image))
            statusBar()->showMessage(tr("%1 is not in the Atlas yet; it appears once the Atlas has loaded").arg(image), 5000);
    });
    // The editor's Run… lands in a console tab on the Runs page, which comes to the front.
    connect(editor, &EditorPage::runRequested, this, [this, runs](const RunRequest &request) {
        if (runs->startRun(request))
            m_pages->setCurrentWidget(runs);
    });
    auto *dock = new ContainersDock(&m_session, this);
    addDockWidget(Qt::RightDockWidgetArea, dock);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    auto *firstRun = new FirstRunPanel(&m_session, this);
    connect(firstRun, &FirstRunPanel::chooseAddressRequested, this, &MainWindow::showConnectDialog);
    connect(firstRun, &FirstRunPanel::connectRequested, this, &MainWindow::connectTo);
    layout->addWidget(firstRun);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    HelpResources::ensureLoaded();
    setWindowIcon(QIcon(QStringLiteral(":/strata/icons/org.strata.Strata.png")));
    registerWindowActions(dock);
    buildMenus();
    connect(m_pages, &QTabWidget::currentChanged, this, &MainWindow::showPageActions);
    showPageActions();

    m_serverLabel->setObjectName(QStringLiteral("serverLabel"));
    statusBar()->addPermanentWidget(m_serverLabel);

    connect(&m_session, &Session::stateChanged, this, &MainWindow::onStateChanged);
    connect(&m_session, &Session::choiceChanged, this, [this] {
        if (m_session.state() == Session::State::Connected)
            showServer();
    });
}

void MainWindow::addPage(QWidget *page, const QString &title)
{
    m_pages->addTab(page, title);
    if (auto *withActions = dynamic_cast<Page *>(page))
        withActions->registerActions(m_actions);
}

void MainWindow::registerWindowActions(QDockWidget *dock)
{
    using Menu = ActionRegistry::Menu;
    const auto add = [this](const QString &id, Menu menu, const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        return m_actions.add(id, action, menu);
    };
    add(QStringLiteral("file.connect"), Menu::File, tr("&Connect…"), QKeySequence(tr("Ctrl+K")), &MainWindow::showConnectDialog);
    add(QStringLiteral("file.refresh"), Menu::File, tr("&Refresh"), QKeySequence::Refresh, &MainWindow::refreshCurrentPage);
    // Ctrl+O is the Layer stack's Open config.json…; opening a store offline takes Shift:
    // Ctrl+Shift+O a containerd root, Ctrl+Shift+D a database.
    add(QStringLiteral("file.openRoot"), Menu::File, tr("&Open containerd root…"), QKeySequence(tr("Ctrl+Shift+O")), [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a containerd root (read-only, no daemon needed)"),
                                                              QStringLiteral("/var/lib/containerd"));
        if (!dir.isEmpty())
            openOffline(dir);
    });
    add(QStringLiteral("file.openDb"), Menu::File, tr("Open &metadata.db or meta.db…"), QKeySequence(tr("Ctrl+Shift+D")), [this] {
        const QString db = QFileDialog::getOpenFileName(this, tr("Open a snapshotter metadata.db or containerd's meta.db"),
                                                        QString(), tr("Bolt databases (*.db);;All files (*)"));
        if (!db.isEmpty())
            openOffline(db);
    });
    add(QStringLiteral("file.quit"), Menu::File, tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    auto *pages = new QActionGroup(this);
    for (int i = 0; i < m_pages->count(); ++i) {
        QAction *show = add(QStringLiteral("view.page%1").arg(i + 1), Menu::View, m_pages->tabText(i),
                            QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), [this, i] { m_pages->setCurrentIndex(i); });
        show->setCheckable(true);
        pages->addAction(show);
    }
    // A closed dock comes back from here.
    m_actions.add(QStringLiteral("view.containers"), dock->toggleViewAction(), Menu::View);

    add(QStringLiteral("help.layerOrdering"), Menu::Help, tr("&Layer ordering"), {},
        [this] { HelpDialog::open(HelpDialog::layerOrderingPage(), this); });
    add(QStringLiteral("help.about"), Menu::Help, tr("&About Strata"), {}, [this] { AboutDialog(m_session, this).exec(); });
}

void MainWindow::buildMenus()
{
    using Menu = ActionRegistry::Menu;
    auto *file = menuBar()->addMenu(tr("&File"));
    file->addActions(m_actions.actions(Menu::File, nullptr));
    file->insertSeparator(m_actions.find(QStringLiteral("file.openRoot")));
    file->insertSeparator(m_actions.find(QStringLiteral("file.quit")));

    // One Edit menu; each page's entries show while that page is in front.
    auto *edit = menuBar()->addMenu(tr("&Edit"));
    for (int i = 0; i < m_pages->count(); ++i)
        edit->addActions(m_actions.actions(Menu::Edit, m_pages->widget(i)));

    auto *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_actions.actions(Menu::View, nullptr));
    view->insertSeparator(m_actions.find(QStringLiteral("view.containers")));

    for (int i = 0; i < m_pages->count(); ++i) {
        QWidget *page = m_pages->widget(i);
        const QList<QAction *> own = m_actions.actions(Menu::Page, page);
        if (own.isEmpty())
            continue;
        auto *menu = menuBar()->addMenu(dynamic_cast<Page *>(page)->menuTitle());
        menu->addActions(own);
        m_pageMenus.insert(page, menu);
    }

    menuBar()->addMenu(tr("&Help"))->addActions(m_actions.actions(Menu::Help, nullptr));
}

void MainWindow::showPageActions()
{
    QWidget *current = m_pages->currentWidget();
    // A hidden action takes no key either, so a page's shortcuts only work while it is in front.
    for (const ActionRegistry::Entry &entry : m_actions.entries()) {
        if (entry.page)
            entry.action->setVisible(entry.page == current);
    }
    for (auto it = m_pageMenus.cbegin(); it != m_pageMenus.cend(); ++it)
        it.value()->menuAction()->setVisible(it.key() == current);
    if (QAction *show = m_actions.find(QStringLiteral("view.page%1").arg(m_pages->currentIndex() + 1)))
        show->setChecked(true);
}

OfflineWindow *MainWindow::openOffline(const QString &path)
{
    auto *window = new OfflineWindow(path, this);
    // A window of its own: its own taskbar entry, not a dialog over the live one.
    window->setWindowFlag(Qt::Window);
    window->show();
    return window;
}

void MainWindow::connectTo(const QString &address, const QString &ns)
{
    m_session.connectTo(address, ns);
}

void MainWindow::showConnectDialog()
{
    ConnectDialog dialog(this);
    if (!m_session.address().isEmpty()) {
        dialog.setAddress(m_session.address());
        dialog.setNamespace(m_session.ns());
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.remember();
    connectTo(dialog.address(), dialog.ns());
}

void MainWindow::refreshCurrentPage()
{
    if (auto *page = dynamic_cast<Page *>(m_pages->currentWidget()))
        page->refreshPage();
}

void MainWindow::showServer()
{
    m_serverLabel->setText(tr("containerd %1 · %2 · namespace %3 · %4")
                               .arg(m_session.serverVersion().version, m_session.address(), m_session.ns(),
                                    m_session.snapshotter()));
}

void MainWindow::onStateChanged(Session::State state, const QString &message)
{
    switch (state) {
    case Session::State::Connected:
        m_banner->hide();
        showServer();
        break;
    case Session::State::Connecting:
        m_serverLabel->setText(message);
        break;
    case Session::State::Unreachable:
        m_serverLabel->setText(tr("Disconnected"));
        m_banner->showMessage(MessageBanner::Kind::Error,
                              message + tr(". Strata keeps trying and reconnects when it answers "
                                           "(Ctrl+K chooses another address)."));
        break;
    case Session::State::Disconnected:
        m_serverLabel->setText(message);
        break;
    }
}

} // namespace strata
