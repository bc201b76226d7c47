#include "mainwindow.h"

#include "aboutdialog.h"
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
    // File first and Help last; the pages' menus go between them as the pages are added.
    auto *file = menuBar()->addMenu(tr("&File"));
    m_help = menuBar()->addMenu(tr("&Help"));
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
    addDockWidget(Qt::RightDockWidgetArea, new ContainersDock(&m_session, this));

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

    auto *connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::showConnectDialog);
    connectAction->setShortcut(QKeySequence(tr("Ctrl+K")));
    auto *refreshAction = file->addAction(tr("&Refresh"), this, &MainWindow::refreshCurrentPage);
    refreshAction->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    file->addAction(tr("&Open containerd root…"), this, [this] {
            const QString dir = QFileDialog::getExistingDirectory(
                this, tr("Open a containerd root (read-only, no daemon needed)"), QStringLiteral("/var/lib/containerd"));
            if (!dir.isEmpty())
                openOffline(dir);
        })->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &metadata.db or meta.db…"), this, [this] {
            const QString db = QFileDialog::getOpenFileName(this, tr("Open a snapshotter metadata.db or containerd's meta.db"),
                                                            QString(), tr("Bolt databases (*.db);;All files (*)"));
            if (!db.isEmpty())
                openOffline(db);
        })->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    file->addSeparator();
    auto *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    HelpResources::ensureLoaded();
    setWindowIcon(QIcon(QStringLiteral(":/strata/icons/org.strata.Strata.png")));
    m_help->addAction(tr("&Layer ordering"), this, [this] { HelpDialog::open(HelpDialog::layerOrderingPage(), this); });
    m_help->addAction(tr("&About Strata"), this, [this] { AboutDialog(m_session, this).exec(); });

    m_serverLabel->setObjectName(QStringLiteral("serverLabel"));
    statusBar()->addPermanentWidget(m_serverLabel);

    connect(&m_session, &Session::stateChanged, this, &MainWindow::onStateChanged);
}

void MainWindow::addPage(QWidget *page, const QString &title)
{
    m_pages->addTab(page, title);
    auto *actions = dynamic_cast<Page *>(page);
    if (!actions || actions->pageActions().isEmpty())
        return;
    auto *menu = new QMenu(actions->menuTitle(), this);
    menu->addActions(actions->pageActions());
    menuBar()->insertMenu(m_help->menuAction(), menu);
    auto follow = [this, page, menu] { menu->menuAction()->setVisible(m_pages->currentWidget() == page); };
    connect(m_pages, &QTabWidget::currentChanged, menu, follow);
    follow();
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

void MainWindow::onStateChanged(Session::State state, const QString &message)
{
    switch (state) {
    case Session::State::Connected:
        m_banner->hide();
        m_serverLabel->setText(tr("containerd %1 · %2 · namespace %3")
                                   .arg(m_session.serverVersion().version, m_session.address(), m_session.ns()));
        break;
    case Session::State::Connecting:
        m_serverLabel->setText(message);
        break;
    case Session::State::Unreachable:
        m_serverLabel->setText(tr("Disconnected"));
        m_banner->showMessage(MessageBanner::Kind::Error,
                              message + tr(". Strata keeps trying and reconnects when it answers; "
                                           "File → Connect (Ctrl+K) chooses another address."));
        break;
    case Session::State::Disconnected:
        m_serverLabel->setText(message);
        break;
    }
}

} // namespace strata
