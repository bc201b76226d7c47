#pragma once

#include "actionregistry.h"
#include "session/session.h"

#include <QHash>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace strata {

class MessageBanner;
class OfflineWindow;

// The workbench window: pages over one Session, a status bar naming the server, and a banner
// for errors that says what to do.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    Session *session() { return &m_session; }
    void connectTo(const QString &address, const QString &ns);

    // Every action of the window and its pages, as the menus show them.
    const ActionRegistry &actions() const { return m_actions; }

public Q_SLOTS:
    // A containerd root, meta.db or metadata.db, read offline in a window of its own.
    OfflineWindow *openOffline(const QString &path);
    void showConnectDialog();
    // F5: the page in front reloads what it shows.
    void refreshCurrentPage();

private:
    // A tab, whose actions (when it is a Page) join the registry.
    void addPage(QWidget *page, const QString &title);
    void registerWindowActions(QDockWidget *dock);
    void buildMenus();
    // The page in front's actions and menu are shown (and take their keys); the others' not.
    void showPageActions();
    void onStateChanged(Session::State state, const QString &message);
    void showServer();

    Session m_session;
    QTabWidget *m_pages;
    MessageBanner *m_banner;
    QLabel *m_serverLabel;
    ActionRegistry m_actions;
    QHash<const QWidget *, QMenu *> m_pageMenus;
};

} // namespace strata
