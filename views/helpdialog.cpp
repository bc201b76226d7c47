#include "helpdialog.h"

#include "helpresources.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace strata {

HelpDialog::HelpDialog(const QUrl &page, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    HelpResources::ensureLoaded();
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(page);
    setWindowTitle(m_browser->documentTitle().isEmpty() ? tr("Strata Help") : m_browser->documentTitle());
    connect(m_browser, &QTextBrowser::sourceChanged, this, [this] { setWindowTitle(m_browser->documentTitle()); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(760, 720);
}

QUrl HelpDialog::layerOrderingPage()
{
    return QUrl(QStringLiteral("qrc:/strata/help/layer-ordering.html"));
}

HelpDialog *HelpDialog::open(const QUrl &page, QWidget *parent)
{
    auto *dialog = new HelpDialog(page, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

} // namespace strata
