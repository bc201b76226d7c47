#pragma once

#include "session/session.h"

#include <QMainWindow>

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

    // A page, and a menu of its actions shown while it is in front (when it is a Page).
    void addPage(QWidget *page, const QString &title);

public Q_SLOTS:
    // A containerd root, meta.db or metadata.db, read offline in a window of its own.
    OfflineWindow *openOffline(const QString &path);
    void showConnectDialog();
    // F5: the page in front reloads what it shows.
    void refreshCurrentPage();

private:
    void onStateChanged(Session::State state, const QString &message);

    Session m_session;
    QTabWidget *m_pages;
    MessageBanner *m_banner;
    QLabel *m_serverLabel;
    // Before Help: page menus are inserted in front of it.
    QMenu *m_help = nullptr;
};

} // namespace strata
