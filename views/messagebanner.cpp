#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace strata {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    // Wrapped, a long message grows the banner down, never the window sideways (a path without
    // spaces would otherwise set the window's minimum width). The tooltip has all of it.
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_text->setMinimumWidth(fontMetrics().averageCharWidth() * 20);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text)
{
    static const QColor colours[] = {QColor(0xdd, 0xee, 0xff), QColor(0xff, 0xf3, 0xcd), QColor(0xf8, 0xd7, 0xda)};
    QPalette p = palette();
    p.setColor(QPalette::Window, colours[static_cast<int>(kind)]);
    p.setColor(QPalette::WindowText, Qt::black);
    setPalette(p);
    m_text->setText(text);
    m_text->setToolTip(text);
    show();
}

void MessageBanner::clear(const QString &text)
{
    if (m_text->text() == text)
        hide();
}

QString MessageBanner::text() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace strata
