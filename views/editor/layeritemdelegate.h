#pragma once

#include <QStyledItemDelegate>

namespace strata {

// A layer row: its state as an icon, "row. folder N  kind  key" over the path as written
// (elided in the middle, where long snapshot roots are least telling).
class LayerItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QIcon stateIcon(int state);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace strata
