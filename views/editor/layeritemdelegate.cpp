#include "editor/layeritemdelegate.h"

#include "layers/layerfoldersmodel.h"
#include "types/snapshotkind.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace strata {

namespace {

constexpr int Pad = 4;
constexpr int IconSize = 24;

QString headline(const QModelIndex &index)
{
    const QString key = index.data(LayerFoldersModel::KeyRole).toString();
    const auto kind = SnapshotKind(index.data(LayerFoldersModel::KindRole).toInt());
    const QString shortKey = key.startsWith(QLatin1String("sha256:")) && key.size() > 19 ? key.left(19) + QChar(0x2026) : key;
    const QString what = key.isEmpty() ? LayerItemDelegate::tr("not a known snapshot") : kindName(kind) + QStringLiteral("   ") + shortKey;
    return LayerItemDelegate::tr("%1.  folder %2   %3")
        .arg(index.row() + 1)
        .arg(index.data(LayerFoldersModel::FolderNameRole).toString(), what);
}

} // namespace

QIcon LayerItemDelegate::stateIcon(int state)
{
    QStyle *style = QApplication::style();
    switch (LayerFoldersModel::RowState(state)) {
    case LayerFoldersModel::RowState::Ok:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case LayerFoldersModel::RowState::Violation:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case LayerFoldersModel::RowState::Unchecked:
        break;
    }
    return style->standardIcon(QStyle::SP_MessageBoxQuestion);
}

void LayerItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QRect r = option.rect.adjusted(Pad, Pad, -Pad, -Pad);
    const QRect iconRect(r.left(), r.top() + (r.height() - IconSize) / 2, IconSize, IconSize);
    stateIcon(index.data(LayerFoldersModel::StateRole).toInt()).paint(painter, iconRect);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const QRect text = r.adjusted(IconSize + 2 * Pad, 0, 0, 0);
    const int lineHeight = text.height() / 2;
    painter->save();
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(option.palette.color(textRole));
    const QRect top(text.left(), text.top(), text.width(), lineHeight);
    painter->drawText(top, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(bold).elidedText(headline(index), Qt::ElideRight, top.width()));
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.9);
    painter->setFont(small);
    QColor pathColor = option.palette.color(textRole);
    if (!selected)
        pathColor.setAlphaF(0.7);
    painter->setPen(pathColor);
    const QRect bottom(text.left(), text.top() + lineHeight, text.width(), text.height() - lineHeight);
    painter->drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(small).elidedText(index.data(LayerFoldersModel::FolderRole).toString(), Qt::ElideMiddle, bottom.width()));
    painter->restore();
}

QSize LayerItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int lines = 2 * option.fontMetrics.height() + 2;
    return {IconSize + 200, std::max(lines, IconSize) + 2 * Pad};
}

} // namespace strata
