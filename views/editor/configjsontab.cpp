#include "editor/configjsontab.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>

namespace strata {

ConfigJsonTab::ConfigJsonTab(QWidget *parent)
    : QWidget(parent)
    , m_editor(new QPlainTextEdit(this))
    , m_apply(new QPushButton(tr("Apply JSON"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_error(new QLabel(this))
{
    m_editor->setObjectName(QStringLiteral("jsonEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_apply->setObjectName(QStringLiteral("applyJsonButton"));
    m_apply->setToolTip(tr("Parse the text and take it as the document (Ctrl+Return)"));
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_revert->setToolTip(tr("Drop the edits and show the document again"));
    m_error->setObjectName(QStringLiteral("jsonError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_error, 1);
    bar->addWidget(m_revert);
    bar->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_editor, 1);
    layout->addLayout(bar);

    connect(m_apply, &QPushButton::clicked, this, &ConfigJsonTab::apply);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        setPending(false);
        m_error->clear();
        m_settingText = true;
        m_editor->setPlainText(QString::fromUtf8(m_shown));
        m_settingText = false;
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingText)
            setPending(true);
    });
    setPending(false);
}

void ConfigJsonTab::showDocument(const ConfigDocument &document, bool force)
{
    m_shown = document.toJson();
    if (m_pending && !force)
        return;
    setPending(false);
    m_settingText = true;
    m_editor->setPlainText(QString::fromUtf8(m_shown));
    m_settingText = false;
    m_error->clear();
}

bool ConfigJsonTab::apply()
{
    ConfigDocument::Position at;
    auto parsed = ConfigDocument::parse(m_editor->toPlainText().toUtf8(), &at);
    if (!parsed) {
        m_error->setText(parsed.error().message);
        if (at.line > 0) {
            const QTextBlock block = m_editor->document()->findBlockByNumber(at.line - 1);
            QTextCursor cursor(block);
            cursor.setPosition(block.position() + std::clamp(at.column - 1, 0, std::max(0, block.length() - 1)));
            m_editor->setTextCursor(cursor);
            m_editor->setFocus();
        }
        return false;
    }
    m_error->clear();
    setPending(false);
    Q_EMIT applied(*parsed);
    return true;
}

void ConfigJsonTab::setPending(bool pending)
{
    m_pending = pending;
    m_apply->setEnabled(pending);
    m_revert->setEnabled(pending);
}

} // namespace strata
