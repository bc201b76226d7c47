#pragma once

#include <QStyledItemDelegate>

namespace strata {

// Draws a PullProgressModel cell as a progress bar: its percent (PercentRole; -1 is a busy
// bar) with the cell's text on it.
class PullProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace strata
