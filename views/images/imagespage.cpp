#include "images/imagespage.h"

#include "actionregistry.h"
#include "clipboardcopy.h"
#include "contextmenukey.h"
#include "elidedlabel.h"
#include "messagebanner.h"

#include "images/imageoperations.h"
#include "images/pulldialog.h"

#include "images/imagelistmodel.h"
#include "images/imagescontroller.h"
#include "session/session.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace strata {

ImagesPage::ImagesPage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ImageListModel(this))
    , m_controller(new ImagesController(session, m_model, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_status(new ElidedLabel(this))
    , m_banner(new MessageBanner(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ImageListModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setObjectName(QStringLiteral("imagesView"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ImageListModel::Name, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    ContextMenuKey::install(m_view);
    // Columns as wide as their content; the digest, last and longest, takes what is left.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ImageListModel::Digest, QHeaderView::Stretch);
    m_filter->setObjectName(QStringLiteral("imagesFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, platform or digest"));
    m_filter->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("imagesStatus"));

    m_run = makeAction(tr("&Run…"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Run a container of the image on the Runs page"));
    m_showInAtlas = makeAction(tr("Show layers in &Atlas"), QKeySequence(Qt::CTRL | Qt::Key_L),
                               tr("The image's layers, snapshots and folder numbers in the Atlas"));
    m_copyName = makeAction(tr("Copy &name"), QKeySequence::Copy, tr("Copy the image name"));
    m_copyDigest = makeAction(tr("Copy &digest"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Copy the target digest"));
    m_unpack = makeAction(tr("&Unpack"), QKeySequence(Qt::CTRL | Qt::Key_U),
                          tr("Unpack the image's missing layers from the content store into the snapshotter"));
    // Not an image action: pulling needs no row, so updateActions() leaves it enabled.
    m_pull = makeAction(tr("&Pull…"), QKeySequence(Qt::CTRL | Qt::Key_P),
                        tr("Pull an image from a registry into the namespace"));

    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("imagesToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_operations = new ImageOperations(m_session, this, m_banner, [this] { return currentImage(); });
    bar->addActions({m_pull, m_operations->importAction()});
    bar->addSeparator();
    bar->addActions({m_run, m_showInAtlas, m_unpack});
    bar->addSeparator();
    bar->addActions(m_operations->imageActions());
    bar->addSeparator();
    bar->addActions({m_copyName, m_copyDigest});
    bar->addSeparator();
    bar->addWidget(m_filter);
    bar->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);

    connect(m_run, &QAction::triggered, this, [this] { Q_EMIT runRequested(currentImage()); });
    connect(m_showInAtlas, &QAction::triggered, this, [this] { Q_EMIT showInAtlasRequested(currentImage()); });
    connect(m_copyName, &QAction::triggered, this, [this] { copy(ImageListModel::NameRole, tr("image name")); });
    connect(m_copyDigest, &QAction::triggered, this, [this] { copy(ImageListModel::DigestRole, tr("digest")); });
    connect(m_unpack, &QAction::triggered, this, &ImagesPage::unpackCurrent);
    connect(m_pull, &QAction::triggered, this, &ImagesPage::openPullDialog);
    connect(m_view, &QAbstractItemView::activated, m_run, &QAction::trigger);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_view->indexAt(pos).isValid())
            return;
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions(imageActions());
        menu->addSeparator();
        menu->addActions(m_operations->imageActions());
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ImagesPage::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImagesPage::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ImagesPage::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ImagesPage::updateActions);
    connect(m_controller, &ImagesController::loadingChanged, this, [this](bool loading) {
        if (loading)
            m_status->setText(tr("Loading images…"));
    });
    connect(m_controller, &ImagesController::loaded, this, [this](int images) {
        m_banner->clear(m_error); // a load that worked answers the last error, not other news
        // A row to act on from the first key press.
        if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        const QString count = images == 1 ? tr("1 image") : tr("%1 images").arg(images);
        m_status->setText(tr("%1 in namespace %2").arg(count, m_session->ns()));
    });
    connect(m_controller, &ImagesController::failed, this, &ImagesPage::showError);
    updateActions();
}

QAction *ImagesPage::makeAction(const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    // Page-wide: Ctrl+C copies an image name only while the images have the focus.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tip);
    QWidget::addAction(action);
    return action;
}

QString ImagesPage::currentImage() const
{
    return m_view->currentIndex().data(ImageListModel::NameRole).toString();
}

void ImagesPage::refreshPage()
{
    m_controller->reload();
}

QList<QAction *> ImagesPage::imageActions() const
{
    return {m_run, m_showInAtlas, m_unpack, m_copyName, m_copyDigest};
}

void ImagesPage::registerActions(ActionRegistry &registry)
{
    registry.add(QStringLiteral("images.run"), m_run, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.showInAtlas"), m_showInAtlas, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.unpack"), m_unpack, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.pull"), m_pull, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.import"), m_operations->importAction(), ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.tag"), m_operations->tagAction(), ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.export"), m_operations->exportAction(), ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.remove"), m_operations->removeAction(), ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("images.copyName"), m_copyName, ActionRegistry::Menu::Edit, this);
    registry.add(QStringLiteral("images.copyDigest"), m_copyDigest, ActionRegistry::Menu::Edit, this);
}

void ImagesPage::updateActions()
{
    const bool any = m_view->currentIndex().isValid();
    for (QAction *action : imageActions() + m_operations->imageActions())
        action->setEnabled(any);
    // Offered where it helps: an image some of whose layers are not snapshots (removed, or
    // imported without unpacking).
    m_unpack->setEnabled(any && !m_view->currentIndex().data(ImageListModel::UnpackedRole).toBool()
                         && !m_controller->isUnpacking(currentImage()));
}

void ImagesPage::unpackCurrent()
{
    const QString name = currentImage();
    if (name.isEmpty() || m_controller->isUnpacking(name))
        return;
    m_controller->unpack(name, [this, name](const Status &status) {
        updateActions();
        if (!status)
            return showError(tr("Could not unpack %1").arg(name), status.error());
        m_banner->showMessage(MessageBanner::Kind::Info, tr("%1 is unpacked into %2.").arg(name, m_session->snapshotter()));
    });
    updateActions();
    m_status->setText(tr("Unpacking %1 into %2…").arg(name, m_session->snapshotter()));
}

void ImagesPage::openPullDialog()
{
    QStringList names;
    for (const ImageSummary &image : m_model->images())
        names << image.record.name;
    auto *dialog = new PullDialog(m_session, names, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void ImagesPage::copy(int role, const QString &what)
{
    ClipboardCopy::copy(m_view, m_view->currentIndex().data(role).toString(), what);
}

void ImagesPage::showError(const QString &what, const Error &error)
{
    m_status->clear();
    m_error = QStringLiteral("%1: %2").arg(what, m_session->describe(error));
    m_banner->showMessage(MessageBanner::Kind::Error, m_error);
}

} // namespace strata
