#include "editor/editorpage.h"

#include "actionregistry.h"
#include "editor/configjsontab.h"
#include "editor/layereditcommand.h"
#include "editor/layerlistview.h"
#include "editor/rulepanel.h"
#include "editor/snapshotpalette.h"
#include "messagebanner.h"

#include "client/errortext.h"
#include "core/whenfinished.h"
#include "layers/layerfoldersmodel.h"
#include "oci/runtimespec.h"
#include "run/commandline.h"
#include "session/session.h"
#include "session/sessionchanges.h"
#include "snapshots/folderdiscovery.h"
#include "snapshots/folderlookup.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace strata {

EditorPage::EditorPage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new LayerFoldersModel(this))
    , m_undo(new QUndoStack(this))
    , m_banner(new MessageBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_list(new LayerListView(this))
    , m_rules(new RulePanel(m_model, this))
    , m_palette(new SnapshotPalette(this))
    , m_json(new ConfigJsonTab(this))
    , m_target(new QComboBox(this))
    , m_snapshotter(new QComboBox(this))
    , m_storeLabel(new QLabel(this))
    , m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("layerEditor"));
    m_model->setEditHandler([this](const LayerEdit &edit) { m_undo->push(new LayerEditCommand(m_model, edit)); });
    m_list->setLayerModel(m_model);
    m_list->setObjectName(QStringLiteral("layerList"));
    m_tabs->setObjectName(QStringLiteral("editorTabs"));
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_title->setObjectName(QStringLiteral("documentTitle"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    buildToolBar(layout);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_listTitle = new QLabel(left);
    m_listTitle->setObjectName(QStringLiteral("listTitle"));
    m_listTitle->setWordWrap(true);
    auto *hint = new QLabel(tr("Drag snapshots here from the Snapshots list or the Atlas, or paste folder paths (Ctrl+V). "
                               "Delete removes, Ctrl+Up/Down reorders, Ctrl+Z / Ctrl+Shift+Z undo and redo."),
                            left);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    leftLayout->addWidget(m_listTitle);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(hint);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_palette->hide();
    splitter->addWidget(m_palette);
    splitter->addWidget(left);
    splitter->addWidget(m_rules);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setChildrenCollapsible(false);
    // The palette folds away on a small screen; the list and the rules never do.
    splitter->setCollapsible(0, true);
    m_tabs->addTab(splitter, tr("Layers"));
    m_tabs->addTab(m_json, tr("JSON"));
    layout->addWidget(m_tabs, 1);

    connect(m_list, &LayerListView::compoundEditStarted, m_undo, &QUndoStack::beginMacro);
    connect(m_list, &LayerListView::compoundEditFinished, m_undo, &QUndoStack::endMacro);
    connect(m_undo, &QUndoStack::indexChanged, this, &EditorPage::syncDocument);
    connect(m_undo, &QUndoStack::cleanChanged, this, &EditorPage::updateTitle);
    connect(m_rules, &RulePanel::fixOrderRequested, m_model, &LayerFoldersModel::fixOrder);
    connect(m_rules, &RulePanel::fillRequested, this, [this](const QString &key) {
        if (auto folders = m_model->validator().fixedOrder(key); !folders)
            showError(tr("Cannot fill from %1").arg(key), folders.error());
        else
            m_model->fillFromScratch(key);
    });
    connect(m_rules, &RulePanel::rowsActivated, this, [this](const QList<int> &rows) {
        m_list->selectRows(rows);
        m_list->setFocus();
    });
    connect(m_json, &ConfigJsonTab::applied, this, &EditorPage::onJsonApplied);
    connect(m_palette, &SnapshotPalette::folderChosen, this, [this](const QString &folder) {
        m_model->insertFolders(-1, {folder});
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        // An untitled document takes the new shape at once; a file keeps its own.
        if (m_path.isEmpty() && !m_jsonEdited)
            reshape(Target(m_target->currentData().toInt()));
    });
    connect(m_snapshotter, &QComboBox::currentIndexChanged, this, &EditorPage::reloadStore);
    if (m_session) {
        // A scratch prepared in the Atlas or by ctr is in the list without a refresh; an
        // offline store, once opened, stays what the rows are checked against.
        auto *changes = new SessionChanges(m_session, {QStringLiteral("/snapshot/")}, this);
        connect(changes, &SessionChanges::changed, this, [this] {
            if (m_liveStore)
                reloadStore();
        });
    }

    newDocument(hostTarget());
    reloadStore();
}

void EditorPage::setPaletteModel(AtlasModel *model)
{
    m_palette->setSourceModel(model);
    m_palette->show();
}

void EditorPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Once laid out: before, the splitter shares out sizes of its own over the hidden palette.
    if (std::exchange(m_splitSized, true) || m_palette->isHidden())
        return;
    if (auto *splitter = qobject_cast<QSplitter *>(m_palette->parentWidget())) {
        const int width = splitter->width();
        splitter->setSizes({width * 3 / 10, width * 4 / 10, width * 3 / 10});
    }
}

EditorPage::~EditorPage()
{
    // The undo stack outlives the members as a child and announces its clearing on the way.
    m_undo->disconnect(this);
}

void EditorPage::registerActions(ActionRegistry &registry)
{
    using Menu = ActionRegistry::Menu;
    registry.add(QStringLiteral("editor.new"), m_new, Menu::Page, this);
    registry.add(QStringLiteral("editor.open"), m_open, Menu::Page, this);
    registry.add(QStringLiteral("editor.save"), m_save, Menu::Page, this);
    registry.add(QStringLiteral("editor.saveAs"), m_saveAs, Menu::Page, this);
    registry.add(QStringLiteral("editor.run"), m_run, Menu::Page, this);
    registry.add(QStringLiteral("editor.undo"), m_undoAction, Menu::Edit, this);
    registry.add(QStringLiteral("editor.redo"), m_redoAction, Menu::Edit, this);
    registry.add(QStringLiteral("editor.remove"), m_remove, Menu::Edit, this);
    registry.add(QStringLiteral("editor.up"), m_up, Menu::Edit, this);
    registry.add(QStringLiteral("editor.down"), m_down, Menu::Edit, this);
    registry.add(QStringLiteral("editor.fixOrder"), m_rules->fixOrderAction(), Menu::Edit, this);
}

void EditorPage::buildToolBar(QVBoxLayout *layout)
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("editorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    QStyle *style = this->style();
    // Page-wide, not window-wide: other pages have their own Save and Undo.
    auto shortcut = [this](QAction *action, const QList<QKeySequence> &keys) {
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    };

    m_new = bar->addAction(style->standardIcon(QStyle::SP_FileIcon), tr("&New"), this,
                           [this] { newDocument(Target(m_target->currentData().toInt())); });
    m_new->setToolTip(tr("A new config.json in the chosen shape, with an empty list"));
    shortcut(m_new, {QKeySequence::New});
    m_target->setObjectName(QStringLiteral("targetChoice"));
    m_target->addItem(tr("Windows shape"), int(Target::Windows));
    m_target->addItem(tr("Linux shape"), int(Target::Linux));
    m_target->setToolTip(tr("Shape of new documents: windows.layerFolders, or a Linux spec with the list "
                            "as the %1 annotation").arg(ConfigDocument::LayerFoldersAnnotation));
    bar->addWidget(m_target);
    m_open = bar->addAction(style->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open config.json…"), this, &EditorPage::open);
    shortcut(m_open, {QKeySequence::Open});
    m_save = bar->addAction(style->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this, &EditorPage::save);
    shortcut(m_save, {QKeySequence::Save});
    m_saveAs = bar->addAction(tr("Save &As…"), this, &EditorPage::saveAs);
    shortcut(m_saveAs, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    bar->addSeparator();

    m_undoAction = m_undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
    shortcut(m_undoAction, {QKeySequence(Qt::CTRL | Qt::Key_Z)});
    m_redoAction = m_undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
    shortcut(m_redoAction, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    bar->addAction(m_undoAction);
    bar->addAction(m_redoAction);
    m_remove = bar->addAction(style->standardIcon(QStyle::SP_TrashIcon), tr("Re&move rows"), m_list, &LayerListView::removeSelected);
    m_up = bar->addAction(style->standardIcon(QStyle::SP_ArrowUp), tr("Move &up"), m_list, &LayerListView::moveSelectedUp);
    m_down = bar->addAction(style->standardIcon(QStyle::SP_ArrowDown), tr("Move &down"), m_list, &LayerListView::moveSelectedDown);
    m_remove->setToolTip(tr("Remove the selected rows"));
    m_up->setToolTip(tr("Move the selected rows up"));
    m_down->setToolTip(tr("Move the selected rows down"));
    // Keys of the list alone: Delete in the JSON text or a filter field edits that text.
    const auto listKeys = [this](QAction *action, const QList<QKeySequence> &keys) {
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        m_list->addAction(action);
    };
    listKeys(m_remove, {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    listKeys(m_up, {QKeySequence(Qt::CTRL | Qt::Key_Up)});
    listKeys(m_down, {QKeySequence(Qt::CTRL | Qt::Key_Down)});
    bar->addSeparator();
    m_run = bar->addAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Run…"), this, &EditorPage::run);
    m_run->setObjectName(QStringLiteral("editorRun"));
    m_run->setToolTip(tr("Run a command in a container whose rootfs is this stack (an overlay: parents as "
                         "lowerdir, the scratch as upperdir)"));

    layout->addWidget(bar);

    // The store the rows are checked against, with the header line that names it.
    auto *header = new QHBoxLayout;
    header->setContentsMargins(8, 0, 8, 0);
    header->addWidget(m_title, 1);
    header->addWidget(m_storeLabel);
    header->addWidget(new QLabel(tr("Snapshotter"), this));
    m_snapshotter->setObjectName(QStringLiteral("snapshotterChoice"));
    m_snapshotter->setEditable(true);
    QStringList snapshotters{FolderLookup::defaultSnapshotter()};
    for (const QString &name : {QStringLiteral("overlayfs"), QStringLiteral("native"), QStringLiteral("windows")}) {
        if (!snapshotters.contains(name))
            snapshotters << name;
    }
    m_snapshotter->addItems(snapshotters);
    header->addWidget(m_snapshotter);
    auto *reload = new QToolButton(this);
    reload->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
    reload->setToolTip(tr("Read the snapshots and their folders again from containerd"));
    connect(reload, &QToolButton::clicked, this, &EditorPage::reloadStore);
    auto *offline = new QToolButton(this);
    offline->setIcon(style->standardIcon(QStyle::SP_DriveHDIcon));
    offline->setToolTip(tr("Check against a containerd root's metadata.db instead (offline, no daemon needed)"));
    connect(offline, &QToolButton::clicked, this, &EditorPage::openOfflineStore);
    header->addWidget(reload);
    header->addWidget(offline);
    layout->addLayout(header);

    auto updateActions = [this] {
        const bool any = !m_list->selectedRows().isEmpty();
        m_remove->setEnabled(any);
        m_up->setEnabled(any);
        m_down->setEnabled(any);
    };
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateActions);
    connect(m_model, &LayerFoldersModel::modelReset, this, updateActions);
    updateActions();
    // A stack needs a parent and a scratch to be an overlay.
    auto updateRun = [this] { m_run->setEnabled(m_model->rowCount() >= 2); };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, updateRun);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, updateRun);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateRun);
    updateRun();
}

void EditorPage::run()
{
    bool ok = false;
    const QString command = QInputDialog::getText(this, tr("Run the stack"), tr("Command to run in the container:"),
                                                  QLineEdit::Normal, QStringLiteral("sh -c 'ls -la /'"), &ok);
    if (!ok)
        return;
    auto args = CommandLine::split(command);
    if (!args) {
        QMessageBox::warning(this, tr("Run the stack"), args.error().message);
        return;
    }
    runStack(*args);
}

bool EditorPage::runStack(const QStringList &args)
{
    if (m_model->rowCount() < 2)
        return false;
    RunRequest request;
    request.id = QStringLiteral("strata-stack-%1").arg(QDateTime::currentMSecsSinceEpoch());
    request.source = RunRequest::Source::Stack;
    request.stack = m_model->stack();
    request.args = args;
    request.snapshotter = m_snapshotter->currentText();
    request.throwaway = true;
    if (const int broken = int(m_model->violations().size()); broken > 0) {
        // Running it anyway is how a learner sees which file version wins in the wrong order.
        QMessageBox ask(QMessageBox::Question, tr("Run the stack"),
                        tr("The order breaks %n layer rule(s), so the container may see other versions of "
                           "files than the image would. Run anyway?", nullptr, broken),
                        QMessageBox::Yes | QMessageBox::No, this);
        ask.setObjectName(QStringLiteral("editorRunAnyway"));
        ask.setDefaultButton(QMessageBox::No);
        if (ask.exec() != QMessageBox::Yes)
            return false;
        request.runAnyway = true;
    }
    Q_EMIT runRequested(request);
    return true;
}

bool EditorPage::isModified() const
{
    return !m_undo->isClean() || m_jsonEdited;
}

Result<ConfigDocument> EditorPage::blankDocument(Target target, const LayerStack &stack) const
{
    if (target == Target::Windows)
        return RuntimeSpec::forWindows(stack, {QStringLiteral("cmd")});
    RuntimeSpec::LinuxRequest request;
    request.containerId = QStringLiteral("strata-editor");
    if (m_session && !m_session->ns().isEmpty())
        request.containerdNamespace = m_session->ns();
    request.layers = stack;
    request.args = {QStringLiteral("sh")};
    return RuntimeSpec::forLinux(request);
}

void EditorPage::newDocument(Target target)
{
    auto doc = blankDocument(target, {});
    if (!doc) {
        showError(tr("Could not make a new config"), doc.error());
        return;
    }
    m_document = *doc;
    m_path.clear();
    m_jsonEdited = false;
    m_model->resetFolders({});
    m_undo->clear();
    m_json->showDocument(m_document, true);
    updateTitle();
    Q_EMIT documentChanged();
}

void EditorPage::reshape(Target target)
{
    auto doc = blankDocument(target, m_model->stack());
    if (!doc) {
        showError(tr("Could not make the config"), doc.error());
        return;
    }
    m_document = *doc;
    m_json->showDocument(m_document, true);
    updateTitle();
    Q_EMIT documentChanged();
}

bool EditorPage::openFile(const QString &path)
{
    ConfigDocument::Position at;
    auto doc = ConfigDocument::load(path, &at);
    if (!doc) {
        showError(tr("Could not open %1").arg(QDir::toNativeSeparators(path)), doc.error());
        if (at.line > 0) {
            // Show the broken text where it breaks, so it can be fixed and applied in place.
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                m_path = path;
                m_json->editor()->setPlainText(QString::fromUtf8(file.readAll()));
                m_json->apply();
                m_tabs->setCurrentWidget(m_json);
                updateTitle();
            }
        }
        return false;
    }
    QStringList folders;
    if (auto stack = doc->layerStack())
        folders = stack->folders();
    else if (!stack.error().is(Error::NotFound))
        showError(tr("The layer list of %1 is unreadable").arg(QDir::toNativeSeparators(path)), stack.error());
    m_document = *doc;
    m_path = path;
    m_jsonEdited = false;
    m_model->resetFolders(folders);
    m_undo->clear();
    m_json->showDocument(m_document, true);
    updateTitle();
    Q_EMIT documentChanged();
    return true;
}

bool EditorPage::saveFile(const QString &path)
{
    if (m_json->hasPendingEdits() && !m_json->apply()) {
        m_tabs->setCurrentWidget(m_json);
        return false;
    }
    const Status saved = m_document.save(path);
    if (!saved) {
        showError(tr("Could not save %1").arg(QDir::toNativeSeparators(path)), saved.error());
        return false;
    }
    m_path = path;
    m_jsonEdited = false;
    m_undo->setClean();
    updateTitle();
    return true;
}

void EditorPage::open()
{
    if (isModified()) {
        // Enter keeps the changes: discarding is the choice that loses work.
        QMessageBox ask(QMessageBox::Question, tr("Open"), tr("Discard the changes to %1?").arg(m_title->text()),
                        QMessageBox::Yes | QMessageBox::No, this);
        ask.setObjectName(QStringLiteral("editorDiscardConfirm"));
        ask.setDefaultButton(QMessageBox::No);
        if (ask.exec() != QMessageBox::Yes)
            return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Open config.json"), QFileInfo(m_path).absolutePath(),
                                                      tr("OCI runtime config (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool EditorPage::save()
{
    return m_path.isEmpty() ? saveAs() : saveFile(m_path);
}

bool EditorPage::saveAs()
{
    const QString suggestion = m_path.isEmpty() ? QStringLiteral("config.json") : m_path;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save config.json"), suggestion,
                                                      tr("OCI runtime config (*.json);;All files (*)"));
    return !path.isEmpty() && saveFile(path);
}

void EditorPage::setStore(const QList<SnapshotFolder> &folders, const QString &origin)
{
    ++m_storeRequest; // a live load still under way must not replace this one
    m_model->setStore(folders);
    m_storeLabel->setText(tr("Checked against %1 snapshots (%2)").arg(folders.size()).arg(origin));
    Q_EMIT storeLoaded(int(folders.size()));
}

void EditorPage::reloadStore()
{
    const QString snapshotter = m_snapshotter->currentText().trimmed();
    if (!m_session || !m_session->client() || snapshotter.isEmpty()) {
        m_storeLabel->setText(tr("Not connected: rows are not checked (connect, or open an offline store)"));
        return;
    }
    const quint64 request = ++m_storeRequest;
    m_liveStore = true;
    m_storeLabel->setText(tr("Reading the %1 snapshots…").arg(snapshotter));
    m_session->call(
        this, [snapshotter](const std::shared_ptr<const Client> &client) { return FolderDiscovery(client, snapshotter).discoverAll(); },
        [this, request, snapshotter](Result<QList<SnapshotFolder>> folders) {
            if (request != m_storeRequest)
                return;
            if (!folders) {
                m_session->reportError(folders.error());
                storeUnavailable(tr("Could not read the %1 snapshots").arg(snapshotter), folders.error());
                return;
            }
            setStore(*folders, tr("live, %1").arg(snapshotter));
        });
}

void EditorPage::loadOfflineStore(const QString &path)
{
    const quint64 request = ++m_storeRequest;
    m_liveStore = false;
    const QString snapshotter = m_snapshotter->currentText().trimmed();
    // Without a session's namespace, every namespace's snapshots: the folders are what rows name.
    const QString ns = m_session ? m_session->ns() : QString();
    m_storeLabel->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    // Decoding meta.db and metadata.db takes a while on a big store: never on the GUI thread.
    whenFinished(this, QtConcurrent::run([path, snapshotter, ns] { return FolderLookup::offline(path, snapshotter, ns); }),
                 [this, request, path](Result<FolderLookup::Outcome> found) {
                     if (request != m_storeRequest)
                         return;
                     if (!found) {
                         storeUnavailable(tr("Could not read the snapshots in %1").arg(QDir::toNativeSeparators(path)), found.error());
                         return;
                     }
                     setStore(found->folders, tr("offline, %1").arg(QDir::toNativeSeparators(path)));
                 });
}

void EditorPage::storeUnavailable(const QString &what, const Error &error)
{
    // Checked against nothing rather than against a store that is no longer the one chosen.
    m_model->clearStore();
    m_storeLabel->setText(tr("No snapshot list: rows are not checked"));
    showError(what, error);
}

void EditorPage::openOfflineStore()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("containerd root (holding io.containerd.* folders)"),
                                                          QStringLiteral("/var/lib/containerd"));
    if (!dir.isEmpty())
        loadOfflineStore(dir);
}

void EditorPage::syncDocument()
{
    const QStringList folders = m_model->folders();
    const auto current = m_document.layerStack();
    if (current ? current->folders() == folders : folders.isEmpty())
        return;
    m_document.setLayerStack(m_model->stack());
    m_json->showDocument(m_document);
    updateTitle();
    Q_EMIT documentChanged();
}

void EditorPage::onJsonApplied(const ConfigDocument &document)
{
    m_document = document;
    m_jsonEdited = true;
    QStringList folders;
    if (auto stack = document.layerStack())
        folders = stack->folders();
    else if (!stack.error().is(Error::NotFound))
        showError(tr("The layer list is unreadable"), stack.error());
    // Through the undo stack: the list change can be undone like any other.
    if (folders != m_model->folders())
        m_model->submit(LayerEdit::replace(folders, tr("Edit JSON")));
    m_json->showDocument(m_document, true);
    m_banner->hide();
    updateTitle();
    Q_EMIT documentChanged();
}

void EditorPage::showError(const QString &what, const Error &error)
{
    const QString text = m_session ? m_session->describe(error) : ErrorText::describe(error, {}, ErrorText::Reader::Gui);
    m_banner->showMessage(MessageBanner::Kind::Error, QStringLiteral("%1: %2").arg(what, text));
}

EditorPage::Target EditorPage::hostTarget() const
{
    return m_snapshotter->currentText().trimmed() == QLatin1String("windows") ? Target::Windows : Target::Linux;
}

void EditorPage::updateTitle()
{
    // Everything that names the shape follows the document, whichever way it changed.
    const bool windows = m_document.form() == ConfigDocument::Form::Windows;
    {
        const QSignalBlocker block(m_target);
        m_target->setCurrentIndex(m_target->findData(int(windows ? Target::Windows : Target::Linux)));
    }
    m_listTitle->setText(windows ? tr("<b>layerFolders</b> — row 1 is the nearest parent, the last row the scratch")
                                 : tr("<b>lowerdir</b>, then <b>upperdir</b> — row 1 is the nearest parent, the last "
                                      "row the scratch"));
    m_rules->setShape(m_document.form());
    const QString name = m_path.isEmpty() ? tr("Untitled config.json") : QDir::toNativeSeparators(m_path);
    m_title->setText(tr("<b>%1</b>%2 — %3")
                         .arg(name.toHtmlEscaped(), isModified() ? tr(" (modified)") : QString(), m_target->currentText()));
}

} // namespace strata
