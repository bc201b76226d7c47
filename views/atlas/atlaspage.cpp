#include "atlas/atlaspage.h"

#include "actionregistry.h"
#include "clipboardcopy.h"
#include "contextmenukey.h"
#include "atlas/atlascontroller.h"
#include "atlas/atlasdetails.h"
#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"
#include "atlas/mountsdialog.h"
#include "atlas/offlineatlascontroller.h"
#include "messagebanner.h"
#include "session/session.h"
#include "snapshots/mountparser.h"
#include "types/snapshotkind.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata {

AtlasPage::AtlasPage(Session *session, QWidget *parent)
    : AtlasPage([session](AtlasModel *model, QObject *owner) { return new AtlasController(session, model, owner); }, parent)
{
    m_live = static_cast<AtlasController *>(m_backend);
    connect(session, &Session::connected, m_backend, &AtlasBackend::fetchChoices);
    updateActions();
    m_status->setText(tr("Not connected"));
    if (session->state() == Session::State::Connected) {
        m_backend->fetchChoices();
        m_backend->reload();
    }
}

AtlasPage::AtlasPage(const QString &path, QWidget *parent)
    : AtlasPage([path](AtlasModel *model, QObject *owner) { return new OfflineAtlasController(path, model, owner); }, parent)
{
    updateActions();
    m_backend->reload();
}

AtlasPage::AtlasPage(const BackendFactory &makeBackend, QWidget *parent)
    : QWidget(parent)
    , m_model(new AtlasModel(this))
    , m_proxy(new AtlasFilterModel(this))
    , m_backend(makeBackend(m_model, this))
    , m_banner(new MessageBanner(this))
    , m_snapshotters(new QComboBox(this))
    , m_namespaces(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_details(new AtlasDetails(m_backend, this))
{
    setObjectName(QStringLiteral("atlasPage"));
    m_proxy->setSourceModel(m_model);

    m_snapshotters->setObjectName(QStringLiteral("atlasSnapshotter"));
    m_snapshotters->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    if (!m_backend->snapshotter().isEmpty())
        m_snapshotters->addItem(m_backend->snapshotter());
    m_snapshotters->setToolTip(m_backend->isLive() ? tr("Snapshotters containerd reports as loaded")
                                                   : tr("Snapshotters whose metadata.db was found"));
    m_namespaces->setObjectName(QStringLiteral("atlasNamespace"));
    m_namespaces->setMinimumContentsLength(12);
    m_namespaces->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setObjectName(QStringLiteral("atlasFilter"));
    m_filter->setPlaceholderText(tr("Filter by key, image name or folder number"));
    m_filter->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("atlasStatus"));
    auto *refreshButton = new QToolButton(this);
    refreshButton->setText(tr("Refresh"));
    refreshButton->setToolTip(tr("Reload images, snapshots and folders"));
    connect(refreshButton, &QToolButton::clicked, this, &AtlasPage::refresh);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Snapshotter:"), this));
    bar->addWidget(m_snapshotters);
    bar->addWidget(new QLabel(tr("Namespace:"), this));
    bar->addWidget(m_namespaces);
    bar->addWidget(m_filter, 1);
    bar->addWidget(refreshButton);

    m_view->setObjectName(QStringLiteral("atlasTree"));
    m_view->setModel(m_proxy);
    // Layers drag into the layer stack editor (SnapshotMime).
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Atlas::NameColumn, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true); // thousands of rows
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    ContextMenuKey::install(m_view);
    m_view->header()->resizeSection(Atlas::NameColumn, 360);
    m_view->header()->resizeSection(Atlas::KindColumn, 110);
    for (int c : {Atlas::FolderColumn, Atlas::InodesColumn, Atlas::LabelsColumn})
        m_view->header()->resizeSection(c, 60);

    // The details' long paths and digests would otherwise widen the pane with each selection,
    // moving the splitter and pushing the tree's columns out of view; they wrap or clip instead.
    m_details->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_details->setMinimumWidth(240);
    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("atlasSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    m_prepare = new QAction(tr("&Prepare scratch snapshot here…"), this);
    m_makeView = new QAction(tr("Create &view…"), this);
    m_remove = new QAction(tr("&Remove…"), this);
    m_copyKey = new QAction(tr("Copy &key"), this);
    m_copyPath = new QAction(tr("Copy folder &path"), this);
    connect(m_prepare, &QAction::triggered, this, [this] { makeChild(SnapshotKind::Active); });
    connect(m_makeView, &QAction::triggered, this, [this] { makeChild(SnapshotKind::View); });
    connect(m_remove, &QAction::triggered, this, &AtlasPage::removeSelected);
    connect(m_copyKey, &QAction::triggered, this, [this] { ClipboardCopy::copy(m_view, currentKey(), tr("key")); });
    connect(m_copyPath, &QAction::triggered, this, [this] {
        ClipboardCopy::copy(m_view, currentSource().data(Atlas::FolderPathRole).toString(), tr("folder path"));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        if (m_live) {
            menu->addActions({m_prepare, m_makeView, m_remove});
            menu->addSeparator();
        }
        menu->addActions({m_copyKey, m_copyPath});
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });

    connect(m_filter, &QLineEdit::textChanged, this, &AtlasPage::filterChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_details->showIndex(currentSource());
        updateActions();
    });
    // Another namespace or snapshotter empties the tree: the details must not keep showing an
    // item of the old one.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_view->currentIndex().isValid())
            m_details->showIndex({});
        m_countsLater.start();
    });
    // Once per burst of events, after the model has finished the change.
    m_countsLater.setSingleShot(true);
    m_countsLater.setInterval(0);
    connect(&m_countsLater, &QTimer::timeout, this, &AtlasPage::showCounts);
    connect(m_model, &QAbstractItemModel::rowsInserted, &m_countsLater, qOverload<>(&QTimer::start));
    connect(m_details, &AtlasDetails::message, this,
            [this](const QString &text) { m_banner->showMessage(MessageBanner::Kind::Warning, text); });

    connect(m_snapshotters, &QComboBox::textActivated, m_backend, &AtlasBackend::setSnapshotter);
    connect(m_namespaces, &QComboBox::textActivated, m_backend, &AtlasBackend::setNamespace);
    connect(m_backend, &AtlasBackend::choicesFetched, this,
            [this](const QStringList &snapshotters, const QStringList &namespaces) {
                setChoices(m_snapshotters, snapshotters, m_backend->snapshotter());
                setChoices(m_namespaces, namespaces, m_backend->ns());
            });
    connect(m_backend, &AtlasBackend::loadingChanged, this, [this](bool loading, const QString &status) {
        m_loading = loading;
        if (loading)
            m_status->setText(status);
    });
    connect(m_backend, &AtlasBackend::loaded, this, [this](int, int, qint64 ms) {
        m_loading = false;
        m_loadedMs = ms;
        showCounts();
        for (const QModelIndex &branch : {m_model->imagesIndex(), m_model->snapshotsIndex()})
            m_view->expand(m_proxy->mapFromSource(branch));
        updateActions();
    });
    connect(m_backend, &AtlasBackend::failed, this, &AtlasPage::showError);
    connect(m_backend, &AtlasBackend::liveUpdatesChanged, this, [this](bool live, const Error &error) {
        if (!live) {
            m_liveBanner = tr("Live updates stopped; they resume when containerd answers again: %1")
                               .arg(m_backend->describe(error));
            m_banner->showMessage(MessageBanner::Kind::Error, m_liveBanner);
        } else {
            m_banner->clear(m_liveBanner);
        }
    });
}

void AtlasPage::showCounts()
{
    if (m_loading || m_loadedMs < 0)
        return;
    const int images = m_model->imageCount();
    const int snapshots = m_model->snapshotCount();
    m_status->setText(tr("%1 · %2 in %3, namespace %4 · loaded in %5 ms · %6")
                          .arg(images == 1 ? tr("1 image") : tr("%1 images").arg(images),
                               snapshots == 1 ? tr("1 snapshot") : tr("%1 snapshots").arg(snapshots),
                               m_backend->snapshotter(), m_backend->ns())
                          .arg(m_loadedMs)
                          .arg(m_backend->isLive() ? tr("live") : tr("offline, read-only")));
}

void AtlasPage::rememberExpanded(const QModelIndex &parent)
{
    for (int row = 0; row < m_proxy->rowCount(parent); ++row) {
        const QModelIndex index = m_proxy->index(row, 0, parent);
        if (m_view->isExpanded(index)) {
            m_expandedBeforeFilter.append(m_proxy->mapToSource(index));
            rememberExpanded(index);
        }
    }
}

void AtlasPage::filterChanged(const QString &text)
{
    const bool filtering = !text.trimmed().isEmpty();
    if (filtering && !m_proxy->isFiltering()) {
        m_expandedBeforeFilter.clear();
        rememberExpanded({});
    }
    const QModelIndex current = currentSource();
    m_proxy->setFilterText(text);
    if (filtering) {
        m_view->expandAll();
        return;
    }
    m_view->collapseAll();
    for (const QPersistentModelIndex &index : std::exchange(m_expandedBeforeFilter, {})) {
        if (index.isValid())
            m_view->expand(m_proxy->mapFromSource(index));
    }
    // The item found with the filter stays in sight once the rest comes back.
    if (current.isValid())
        m_view->scrollTo(m_proxy->mapFromSource(current));
}

QString AtlasPage::statusText() const
{
    return m_status->text();
}

void AtlasPage::registerActions(ActionRegistry &registry)
{
    registry.add(QStringLiteral("atlas.prepare"), m_prepare, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("atlas.createView"), m_makeView, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("atlas.remove"), m_remove, ActionRegistry::Menu::Page, this);
    registry.add(QStringLiteral("atlas.copyKey"), m_copyKey, ActionRegistry::Menu::Edit, this);
    registry.add(QStringLiteral("atlas.copyPath"), m_copyPath, ActionRegistry::Menu::Edit, this);
}

bool AtlasPage::showImage(const QString &name)
{
    m_filter->clear();
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfImage(name));
    if (!index.isValid())
        return false;
    m_view->expand(index.parent());
    m_view->expandRecursively(index);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtTop);
    m_view->setFocus();
    return true;
}

void AtlasPage::refresh()
{
    m_backend->fetchChoices();
    m_backend->reload();
}

void AtlasPage::setChoices(QComboBox *box, const QStringList &items, const QString &current)
{
    box->clear();
    box->addItems(items);
    if (!items.contains(current))
        box->addItem(current);
    box->setCurrentText(current);
}

QModelIndex AtlasPage::currentSource() const
{
    return m_proxy->mapToSource(m_view->currentIndex()).siblingAtColumn(0);
}

QString AtlasPage::currentKey() const
{
    const QModelIndex index = currentSource();
    const QString key = index.data(Atlas::KeyRole).toString();
    return key.isEmpty() ? index.data(Atlas::ImageNameRole).toString() : key;
}

void AtlasPage::updateActions()
{
    const QModelIndex index = currentSource();
    const QVariant kind = index.data(Atlas::KindRole);
    const bool committed = kind.isValid() && SnapshotKind(kind.toInt()) == SnapshotKind::Committed;
    m_prepare->setEnabled(m_live && committed);
    m_makeView->setEnabled(m_live && committed);
    m_remove->setEnabled(m_live && kind.isValid());
    m_copyKey->setEnabled(!currentKey().isEmpty());
    m_copyPath->setEnabled(!index.data(Atlas::FolderPathRole).toString().isEmpty());
}

void AtlasPage::askKey(const QString &title, const QString &text, const QString &suggestion,
                       std::function<void(const QString &)> then)
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("atlasKeyDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(text);
    dialog->setTextValue(suggestion);
    connect(dialog, &QInputDialog::textValueSelected, this, [then = std::move(then)](const QString &value) {
        if (!value.trimmed().isEmpty())
            then(value.trimmed());
    });
    dialog->open();
}

int AtlasPage::chainLength(const QString &key) const
{
    int length = 0;
    for (const AtlasSnapshot *s = m_model->snapshot(key); s; s = s->info.parent.isEmpty() ? nullptr : m_model->snapshot(s->info.parent))
        ++length;
    return length;
}

void AtlasPage::makeChild(SnapshotKind kind)
{
    const QString parent = currentKey();
    const bool view = kind == SnapshotKind::View;
    // The mounts alone do not say whose folder a bind is; the tree knows the chain.
    const MountParser::Hint hint{kind, chainLength(parent) + 1};
    askKey(view ? tr("Create view") : tr("Prepare scratch snapshot"),
           (view ? tr("Key of the new read-only view of %1:") : tr("Key of the new active snapshot on %1:")).arg(parent),
           QStringLiteral("%1-%2").arg(view ? QStringLiteral("view") : QStringLiteral("scratch")).arg(QDateTime::currentSecsSinceEpoch()),
           [this, parent, hint, view](const QString &key) {
               auto show = [this, key, hint, view](Result<QList<Mount>> mounts) {
                   if (!mounts)
                       return showError((view ? tr("Could not create the view %1") : tr("Could not prepare %1")).arg(key),
                                        mounts.error());
                   auto *dialog = new MountsDialog(key, *mounts, hint, this);
                   dialog->setAttribute(Qt::WA_DeleteOnClose);
                   dialog->show();
               };
               if (view)
                   m_live->createView(key, parent, show);
               else
                   m_live->prepareScratch(key, parent, show);
           });
}

void AtlasPage::removeSelected()
{
    const QString key = currentKey();
    auto refused = [this, key](const Status &status) {
        if (status)
            return;
        if (status.error().is(Error::FailedPrecondition))
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  tr("%1 was not removed: %2").arg(key, status.error().message));
        else
            showError(tr("Could not remove %1").arg(key), status.error());
    };
    // Refuse at once what needs no question: a parent cannot go before its children.
    if (!m_model->childKeys(key).isEmpty())
        return m_live->removeSnapshot(key, refused);

    const QString folder = currentSource().data(Atlas::FolderIdRole).toString();
    QString question = folder.isEmpty() ? tr("Remove snapshot %1?").arg(key)
                                        : tr("Remove snapshot %1? Its folder %2 is deleted with it.").arg(key, folder);
    const QStringList images = m_model->usedBy(key);
    if (!images.isEmpty())
        question += QLatin1Char('\n') + tr("It is a layer of %1, which will not run until the layer is unpacked again (Image → Unpack).")
                                             .arg(images.join(QStringLiteral(", ")));
    confirm(QStringLiteral("atlasRemoveConfirm"), question, [this, key, images, refused] {
        if (images.isEmpty())
            return m_live->removeSnapshot(key, refused);
        // Breaking an image deserves a second, deliberate yes.
        confirm(QStringLiteral("atlasRemoveConfirmAgain"),
                tr("Really remove a layer that %n image(s) need? %1", nullptr, int(images.size()))
                    .arg(images.join(QStringLiteral(", "))),
                [this, key, refused] { m_live->removeSnapshot(key, refused); });
    });
}

void AtlasPage::confirm(const QString &name, const QString &question, std::function<void()> then)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove snapshot"), question,
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(name);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [box, then = std::move(then)] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes)
            then();
    });
    box->open();
}

void AtlasPage::showError(const QString &what, const Error &error)
{
    m_banner->showMessage(MessageBanner::Kind::Error,
                          tr("%1: %2").arg(what, m_backend->describe(error)));
}

} // namespace strata
