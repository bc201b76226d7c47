#include "editor/layeritemdelegate.h"

#include "layers/layerfoldersmodel.h"
#include "snapshots/snapshotkind.h"

#include <QApplication>
#include <QStyle>

namespace strata {

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

void LayerItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QString key = index.data(LayerFoldersModel::KeyRole).toString();
    const auto kind = SnapshotKind(index.data(LayerFoldersModel::KindRole).toInt());
    const QString shortKey = key.startsWith(QLatin1String("sha256:")) ? key.left(19) + QChar(0x2026) : key;
    const QString what = key.isEmpty() ? tr("not a known snapshot") : kindName(kind) + QStringLiteral("  ") + shortKey;
    option->text = tr("%1.  folder %2   %3\n%4")
                       .arg(index.row() + 1)
                       .arg(index.data(LayerFoldersModel::FolderNameRole).toString(), what,
                            index.data(LayerFoldersModel::FolderRole).toString());
    option->icon = stateIcon(index.data(LayerFoldersModel::StateRole).toInt());
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(24, 24);
}

} // namespace strata
