#include "editor/chaindiagram.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace strata {

namespace {

constexpr int BoxHeight = 46;
constexpr int Gap = 14;
constexpr int Margin = 6;
constexpr int RoleWidth = 96;

QColor stateColor(ChainDiagram::Box::State state)
{
    switch (state) {
    case ChainDiagram::Box::State::InPlace:
        return QColor(0x2e, 0x7d, 0x32);
    case ChainDiagram::Box::State::Misplaced:
        return QColor(0xe0, 0x8a, 0x00);
    case ChainDiagram::Box::State::Missing:
        break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace

ChainDiagram::ChainDiagram(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ChainDiagram::setBoxes(const QList<Box> &boxes)
{
    m_boxes = boxes;
    updateGeometry();
    update();
}

void ChainDiagram::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize ChainDiagram::sizeHint() const
{
    const int n = std::max<int>(1, int(m_boxes.size()));
    return {320, 2 * Margin + n * BoxHeight + (n - 1) * Gap};
}

QSize ChainDiagram::minimumSizeHint() const
{
    return {220, sizeHint().height()};
}

void ChainDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_boxes.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(Margin, 0, -Margin, 0), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    const QFont base = font();
    QFont bold = base;
    bold.setBold(true);
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.85);

    const int left = Margin + RoleWidth;
    const int width = std::max(120, this->width() - left - Margin);
    for (int i = 0; i < m_boxes.size(); ++i) {
        const Box &box = m_boxes.at(i);
        const QRect r(left, Margin + i * (BoxHeight + Gap), width, BoxHeight);
        const QColor color = stateColor(box.state);

        // The "sits on" arrow to the box below: a child's content is read through its parent.
        if (i + 1 < m_boxes.size()) {
            const int x = r.center().x();
            p.setPen(QPen(pal.color(QPalette::Mid), 1.5));
            p.drawLine(x, r.bottom() + 1, x, r.bottom() + Gap - 2);
            QPainterPath head;
            head.moveTo(x - 4, r.bottom() + Gap - 7);
            head.lineTo(x, r.bottom() + Gap - 1);
            head.lineTo(x + 4, r.bottom() + Gap - 7);
            p.drawPath(head);
        }

        QColor fill = color;
        fill.setAlpha(box.state == Box::State::Missing ? 18 : 40);
        p.setBrush(fill);
        p.setPen(QPen(color, 2, box.state == Box::State::Missing ? Qt::DashLine : Qt::SolidLine));
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 6, 6);

        p.setPen(pal.color(QPalette::WindowText));
        p.setFont(small);
        p.drawText(QRect(Margin, r.top(), RoleWidth - 8, BoxHeight), Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, box.role);

        const QRect text = r.adjusted(10, 4, -10, -4);
        p.setFont(bold);
        p.drawText(text, Qt::AlignLeft | Qt::AlignTop, box.title);
        p.setFont(small);
        p.setPen(color.darker(110));
        p.drawText(text, Qt::AlignRight | Qt::AlignTop, box.note);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(text, Qt::AlignLeft | Qt::AlignBottom, p.fontMetrics().elidedText(box.detail, Qt::ElideMiddle, text.width()));
    }
}

} // namespace strata
