#pragma once

#include "core/error.h"
#include "types/snapshotkind.h"

#include "page.h"

#include <QList>
#include <QPersistentModelIndex>
#include <QTimer>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace strata {

class AtlasBackend;
class AtlasController;
class AtlasDetails;
class AtlasFilterModel;
class AtlasModel;
class MessageBanner;
class Session;

// The snapshot atlas: images, snapshot chains and numbered folders as a tree, with a filter
// and a details pane. Live, over a session's containerd, it follows events and offers the
// snapshot actions (prepare a scratch, make a view, remove); offline, over files, it only reads.
class AtlasPage : public QWidget, public Page
{
    Q_OBJECT
public:
    explicit AtlasPage(Session *session, QWidget *parent = nullptr);
    // Offline and read-only: the containerd root, meta.db or metadata.db at `path`.
    explicit AtlasPage(const QString &path, QWidget *parent = nullptr);

    AtlasModel *model() const { return m_model; }
    AtlasFilterModel *proxy() const { return m_proxy; }
    AtlasBackend *backend() const { return m_backend; }
    QTreeView *view() const { return m_view; }
    AtlasDetails *details() const { return m_details; }
    MessageBanner *banner() const { return m_banner; }
    QString statusText() const;

    QAction *prepareAction() const { return m_prepare; }
    QAction *viewAction() const { return m_makeView; }
    QAction *removeAction() const { return m_remove; }
    QAction *copyPathAction() const { return m_copyPath; }

    void refreshPage() override { refresh(); }
    QString menuTitle() const override { return tr("&Snapshot"); }
    void registerActions(ActionRegistry &registry) override;

public Q_SLOTS:
    void refresh();
    // Selects the image's row and opens its layers (the Images page's "Show layers in Atlas").
    // False when the atlas does not hold it (yet).
    bool showImage(const QString &name);

private:
    using BackendFactory = std::function<AtlasBackend *(AtlasModel *model, QObject *owner)>;
    AtlasPage(const BackendFactory &makeBackend, QWidget *parent);
    QModelIndex currentSource() const;
    QString currentKey() const;
    void updateActions();
    // Prepare scratch (Active) or Create view (View) on the selected committed snapshot.
    void makeChild(SnapshotKind kind);
    int chainLength(const QString &key) const;
    void removeSelected();
    // A question whose Yes runs `then`; Cancel is the default, so Enter never removes.
    void confirm(const QString &name, const QString &question, std::function<void()> then);
    // A non-blocking key prompt (object name "atlasKeyDialog"); `then` runs on OK.
    void askKey(const QString &title, const QString &text, const QString &suggestion,
                std::function<void(const QString &)> then);
    void showError(const QString &what, const Error &error);
    void setChoices(QComboBox *box, const QStringList &items, const QString &current);
    // The counts as the tree holds them now: events add and remove rows after a load.
    void showCounts();
    void filterChanged(const QString &text);
    void rememberExpanded(const QModelIndex &parent);

    AtlasModel *m_model;
    AtlasFilterModel *m_proxy;
    AtlasBackend *m_backend;
    AtlasController *m_live = nullptr; // the backend when it is live
    MessageBanner *m_banner;
    // The last "live updates stopped" message: their return clears it and no other.
    QString m_liveBanner;
    QComboBox *m_snapshotters;
    QComboBox *m_namespaces;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTreeView *m_view;
    AtlasDetails *m_details;
    QAction *m_prepare;
    QAction *m_makeView;
    QAction *m_remove;
    QAction *m_copyKey;
    QAction *m_copyPath;
    QTimer m_countsLater;
    bool m_loading = false;
    qint64 m_loadedMs = -1;
    // What was open before a filter expanded everything, opened again when it is cleared.
    QList<QPersistentModelIndex> m_expandedBeforeFilter;
};

} // namespace strata
