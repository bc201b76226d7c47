#pragma once

#include "session/session.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;
class QTableView;

namespace strata {

class ImageListModel;
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

    // Pages add themselves here (atlas, layer editor, runs).
    void addPage(QWidget *page, const QString &title);

public Q_SLOTS:
    // A containerd root, meta.db or metadata.db, read offline in a window of its own.
    OfflineWindow *openOffline(const QString &path);
    void showConnectDialog();
    // The images (on connect, and F5 on the Images page).
    void refresh();
    // F5: the page in front reloads what it shows.
    void refreshCurrentPage();

private:
    void onStateChanged(Session::State state, const QString &message);

    Session m_session;
    QTabWidget *m_pages;
    MessageBanner *m_banner;
    QTableView *m_imagesView;
    ImageListModel *m_images;
    QLabel *m_serverLabel;
};

} // namespace strata
