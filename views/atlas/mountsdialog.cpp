#include "atlas/mountsdialog.h"

#include "clipboardcopy.h"
#include "snapshots/mountparser.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata {

MountsDialog::MountsDialog(const QString &key, const QList<Mount> &mounts, const MountParser::Hint &hint, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("atlasMountsDialog"));
    setWindowTitle(tr("Mounts of %1").arg(key));
    QString summary;
    if (auto layout = MountParser::parse(mounts, hint)) {
        QStringList folders;
        for (const auto &f : layout->folders)
            folders << f.id;
        summary = tr("Folders, topmost first: %1").arg(folders.join(QStringLiteral(", ")));
        if (!layout->note.isEmpty())
            summary += QLatin1Char('\n') + layout->note;
    }
    auto *intro = new QLabel(tr("%1 is ready. Its mounts, as `ctr snapshots prepare --mounts` prints them:").arg(key), this);
    intro->setWordWrap(true);
    auto *folders = new QLabel(summary, this);
    folders->setWordWrap(true);
    folders->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlainText(QString::fromUtf8(MountParser::toCtrJson(mounts)));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this, copy] { ClipboardCopy::copy(copy, text(), tr("mounts")); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addWidget(folders);
    layout->addWidget(buttons);
    resize(760, 360);
}

QString MountsDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace strata
