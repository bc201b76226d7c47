#pragma once

#include "core/result.h"
#include "oci/configdocument.h"
#include "run/runrequest.h"
#include "types/snapshotfolder.h"

#include "page.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QUndoStack;
class QVBoxLayout;

namespace strata {

class AtlasModel;
class ConfigJsonTab;
class LayerFoldersModel;
class LayerListView;
class MessageBanner;
class RulePanel;
class Session;
class SnapshotPalette;

// The layer stack editor: the layerFolders list checked live against the snapshot store, the
// rule panel beside it, and the config.json the list belongs to (open, edit as JSON, save).
class EditorPage : public QWidget, public Page
{
    Q_OBJECT
public:
    enum class Target { Windows, Linux };

    explicit EditorPage(Session *session, QWidget *parent = nullptr);
    ~EditorPage() override;

    LayerFoldersModel *model() const { return m_model; }
    LayerListView *list() const { return m_list; }
    RulePanel *rulePanel() const { return m_rules; }
    ConfigJsonTab *jsonTab() const { return m_json; }
    QTabWidget *tabs() const { return m_tabs; }
    QUndoStack *undoStack() const { return m_undo; }
    MessageBanner *banner() const { return m_banner; }
    QComboBox *targetChoice() const { return m_target; }
    QComboBox *snapshotterChoice() const { return m_snapshotter; }
    QLabel *storeLabel() const { return m_storeLabel; }
    QAction *runAction() const { return m_run; }
    SnapshotPalette *palette() const { return m_palette; }
    // Shows the palette beside the list, over the Atlas page's live model.
    void setPaletteModel(AtlasModel *model);

    const ConfigDocument &document() const { return m_document; }
    QString path() const { return m_path; }
    bool isModified() const;

    // Without dialogs (what the File actions and the tests call).
    bool openFile(const QString &path);
    bool saveFile(const QString &path);
    void newDocument(Target target);
    // The store rows are checked against; `origin` says where it came from ("live", a path).
    void setStore(const QList<SnapshotFolder> &folders, const QString &origin);
    // Reads an offline containerd root, meta.db or metadata.db for the chosen snapshotter on a
    // worker; storeLoaded() follows, or the banner says why not and the rows are unchecked.
    void loadOfflineStore(const QString &path);
    // Emits runRequested for the current stack running `args` (what Run… does after asking
    // for the command). A stack that breaks the layer rules asks "Run anyway?" first; false
    // when there is nothing to run or the answer was no.
    bool runStack(const QStringList &args);

    void refreshPage() override { reloadStore(); }
    QString menuTitle() const override { return tr("&Stack"); }
    void registerActions(ActionRegistry &registry) override;

public Q_SLOTS:
    void open();
    bool save();
    bool saveAs();
    void reloadStore();
    void openOfflineStore();
    // Asks for the command, then runStack().
    void run();

Q_SIGNALS:
    void storeLoaded(int snapshots);
    void documentChanged();
    // A throwaway run of the stack as an overlay rootfs, for the Runs page to start.
    void runRequested(const strata::RunRequest &request);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // The toolbar and, under it, the document title with the store it is checked against.
    void buildToolBar(QVBoxLayout *layout);
    Result<ConfigDocument> blankDocument(Target target, const LayerStack &stack) const;
    // An untitled document switched to the other shape, keeping its rows.
    void reshape(Target target);
    void syncDocument();
    void onJsonApplied(const ConfigDocument &document);
    void showError(const QString &what, const Error &error);
    void storeUnavailable(const QString &what, const Error &error);
    void updateTitle();
    // The shape of the snapshotter's host: new documents start in it.
    Target hostTarget() const;

    Session *m_session;
    LayerFoldersModel *m_model;
    QUndoStack *m_undo;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    LayerListView *m_list;
    RulePanel *m_rules;
    SnapshotPalette *m_palette;
    ConfigJsonTab *m_json;
    QComboBox *m_target;
    QComboBox *m_snapshotter;
    QLabel *m_storeLabel;
    QLabel *m_title;
    QLabel *m_listTitle;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_save = nullptr;
    QAction *m_saveAs = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_up = nullptr;
    QAction *m_down = nullptr;
    QAction *m_run = nullptr;
    ConfigDocument m_document;
    QString m_path;
    bool m_jsonEdited = false;
    bool m_splitSized = false;
    quint64 m_storeRequest = 0;
    // The rows are checked against the session's snapshots (not an offline store's).
    bool m_liveStore = true;
};

} // namespace strata
