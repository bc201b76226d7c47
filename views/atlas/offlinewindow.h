#pragma once

#include <QMainWindow>

class QLineEdit;

namespace strata {

class AtlasPage;
class MessageBanner;
class OfflineAtlasController;

// A containerd root, meta.db or metadata.db opened without a daemon, in a window of its own so
// that nobody mistakes it for the live store: marked offline and read-only, with the atlas tree
// and details, and the folder root as the store's own host spells it (a Windows store's paths
// are Windows paths). Nothing in it writes or talks to containerd.
class OfflineWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit OfflineWindow(const QString &path, QWidget *parent = nullptr);

    AtlasPage *page() const { return m_page; }
    OfflineAtlasController *controller() const { return m_controller; }
    QString bannerText() const;

private:
    void updateBanner();

    AtlasPage *m_page;
    OfflineAtlasController *m_controller;
    MessageBanner *m_banner;
    QLineEdit *m_hostRoot;
};

} // namespace strata
