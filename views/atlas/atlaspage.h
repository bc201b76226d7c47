#pragma once

#include "core/error.h"

#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace strata {

class AtlasController;
class AtlasDetails;
class AtlasFilterModel;
class AtlasModel;
class MessageBanner;
class Session;

// The snapshot atlas: images, snapshot chains and numbered folders as a live tree, with a
// filter, a details pane and the snapshot actions (prepare a scratch, make a view, remove).
class AtlasPage : public QWidget
{
    Q_OBJECT
public:
    explicit AtlasPage(Session *session, QWidget *parent = nullptr);

    AtlasModel *model() const { return m_model; }
    AtlasFilterModel *proxy() const { return m_proxy; }
    AtlasController *controller() const { return m_controller; }
    QTreeView *view() const { return m_view; }
    AtlasDetails *details() const { return m_details; }
    MessageBanner *banner() const { return m_banner; }
    QString statusText() const;

    QAction *prepareAction() const { return m_prepare; }
    QAction *viewAction() const { return m_makeView; }
    QAction *removeAction() const { return m_remove; }
    QAction *copyKeyAction() const { return m_copyKey; }
    QAction *copyPathAction() const { return m_copyPath; }

public Q_SLOTS:
    void refresh();

private:
    QModelIndex currentSource() const;
    QString currentKey() const;
    void updateActions();
    void prepareScratch();
    void createView();
    void removeSelected();
    // A non-blocking key prompt (object name "atlasKeyDialog"); `then` runs on OK.
    void askKey(const QString &title, const QString &text, const QString &suggestion,
                std::function<void(const QString &)> then);
    void showError(const QString &what, const Error &error);
    void setChoices(QComboBox *box, const QStringList &items, const QString &current);

    Session *m_session;
    AtlasModel *m_model;
    AtlasFilterModel *m_proxy;
    AtlasController *m_controller;
    MessageBanner *m_banner;
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
};

} // namespace strata
