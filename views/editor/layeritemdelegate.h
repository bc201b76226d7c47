#pragma once

#include <QStyledItemDelegate>

namespace strata {

// A layer row: its state as an icon, "row · folder · kind · key" over the path as written.
class LayerItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static QIcon stateIcon(int state);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace strata
