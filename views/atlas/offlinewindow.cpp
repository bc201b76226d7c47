#include "atlas/offlinewindow.h"

#include "atlas/atlaspage.h"
#include "atlas/offlineatlascontroller.h"
#include "messagebanner.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QStyle>
#include <QVBoxLayout>

namespace strata {

OfflineWindow::OfflineWindow(const QString &path, QWidget *parent)
    : QMainWindow(parent)
    , m_page(new AtlasPage(path, this))
    , m_controller(static_cast<OfflineAtlasController *>(m_page->backend()))
    , m_banner(new MessageBanner(this))
    , m_hostRoot(new QLineEdit(this))
{
    setObjectName(QStringLiteral("offlineWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 — Strata (offline, read-only)").arg(QDir::toNativeSeparators(path)));
    resize(1100, 700);
    m_banner->setObjectName(QStringLiteral("offlineBanner"));

    m_hostRoot->setObjectName(QStringLiteral("offlineHostRoot"));
    m_hostRoot->setClearButtonEnabled(true);
    m_hostRoot->setToolTip(tr("Folder paths are shown under this directory, as the store's own host has it. "
                              "Leave empty for containerd's default there."));
    connect(m_hostRoot, &QLineEdit::editingFinished, this, [this] { m_controller->setHostRoot(m_hostRoot->text().trimmed()); });
    auto *rootRow = new QHBoxLayout;
    rootRow->setContentsMargins(style()->pixelMetric(QStyle::PM_LayoutLeftMargin), 0,
                                style()->pixelMetric(QStyle::PM_LayoutRightMargin), 0);
    auto *rootLabel = new QLabel(tr("Snapshotter folder on its &host:"), this);
    rootLabel->setBuddy(m_hostRoot);
    rootRow->addWidget(rootLabel);
    rootRow->addWidget(m_hostRoot, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addLayout(rootRow);
    layout->addWidget(m_page, 1);
    setCentralWidget(central);

    auto *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Reload from disk"), m_page, &AtlasPage::refresh)->setShortcut(QKeySequence::Refresh);
    file->addAction(tr("&Close"), this, &QWidget::close)->setShortcut(QKeySequence::Close);

    connect(m_controller, &AtlasBackend::loaded, this, [this] {
        m_hostRoot->setPlaceholderText(m_controller->defaultHostRoot());
        updateBanner();
    });
    updateBanner();
}

void OfflineWindow::updateBanner()
{
    const QString what = m_controller->sourceText().isEmpty() ? QDir::toNativeSeparators(m_controller->path())
                                                              : m_controller->sourceText();
    m_banner->showMessage(MessageBanner::Kind::Info,
                          tr("Offline, read-only: %1. Read from the files without containerd; "
                             "nothing here changes them.").arg(what));
}

QString OfflineWindow::bannerText() const
{
    return m_banner->text();
}

} // namespace strata
