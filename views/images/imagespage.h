#pragma once

#include "page.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace strata {

class ImageListModel;
class ImageOperations;
class ImagesController;
class MessageBanner;
class Session;
struct Error;

// The Images page: the namespace's images with their real size, platforms, layers and unpacked
// size, kept live by image events. Images come in by Pull… and Import… (or a dropped archive);
// each can be run, shown in the Atlas, tagged, exported, removed, or have its name or digest
// copied: from the toolbar, the context menu, the Image menu or the keyboard; double-click (or
// Enter) runs it.
class ImagesPage : public QWidget, public Page
{
    Q_OBJECT
public:
    explicit ImagesPage(Session *session, QWidget *parent = nullptr);

    ImageListModel *model() const { return m_model; }
    ImagesController *controller() const { return m_controller; }
    QTableView *view() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }
    QAction *runAction() const { return m_run; }
    QAction *showInAtlasAction() const { return m_showInAtlas; }
    QAction *copyNameAction() const { return m_copyName; }
    QAction *copyDigestAction() const { return m_copyDigest; }
    QAction *unpackAction() const { return m_unpack; }
    QAction *pullAction() const { return m_pull; }
    ImageOperations *operations() const { return m_operations; }
    // The name of the current row; empty when none.
    QString currentImage() const;

    void refreshPage() override;
    QString menuTitle() const override { return tr("&Image"); }
    void registerActions(ActionRegistry &registry) override;

Q_SIGNALS:
    void runRequested(const QString &image);
    void showInAtlasRequested(const QString &image);

private:
    QAction *makeAction(const QString &text, const QKeySequence &key, const QString &tip);
    QList<QAction *> imageActions() const;
    void updateActions();
    void unpackCurrent();
    // Modeless, one per pull: several can run at once.
    void openPullDialog();
    void copy(int role, const QString &what);
    void showError(const QString &what, const Error &error);

    Session *m_session;
    ImageListModel *m_model;
    ImagesController *m_controller;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_status;
    MessageBanner *m_banner;
    QAction *m_run;
    QAction *m_showInAtlas;
    QAction *m_copyName;
    QAction *m_copyDigest;
    QAction *m_unpack;
    QAction *m_pull;
    ImageOperations *m_operations;
    QString m_error;
};

} // namespace strata
