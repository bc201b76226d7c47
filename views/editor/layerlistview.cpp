#include "editor/layerlistview.h"

#include "editor/layeritemdelegate.h"
#include "layers/layerfoldersmodel.h"

#include <QClipboard>
#include <QDropEvent>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>

#include <algorithm>

namespace strata {

LayerListView::LayerListView(QWidget *parent)
    : QListView(parent)
{
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setAlternatingRowColors(true);
    setItemDelegate(new LayerItemDelegate(this));
    setUniformItemSizes(true);
    setSpacing(1);
}

void LayerListView::setLayerModel(LayerFoldersModel *model)
{
    m_model = model;
    setModel(model);
}

QList<int> LayerListView::selectedRows() const
{
    QList<int> rows;
    if (!selectionModel())
        return rows;
    for (const QModelIndex &index : selectionModel()->selectedIndexes())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void LayerListView::selectRows(const QList<int> &rows)
{
    if (!selectionModel() || !m_model)
        return;
    QItemSelection selection;
    for (int r : rows) {
        if (r >= 0 && r < m_model->rowCount())
            selection.select(m_model->index(r), m_model->index(r));
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!rows.isEmpty())
        selectionModel()->setCurrentIndex(m_model->index(rows.first()), QItemSelectionModel::NoUpdate);
}

int LayerListView::dropRow(const QPoint &pos) const
{
    if (!m_model)
        return 0;
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return m_model->rowCount();
    return pos.y() < visualRect(index).center().y() ? index.row() : index.row() + 1;
}

void LayerListView::removeSelected()
{
    const QList<int> rows = selectedRows();
    if (!m_model || rows.isEmpty())
        return;
    Q_EMIT compoundEditStarted(rows.size() == 1 ? tr("Remove layer") : tr("Remove layers"));
    m_model->removeRowList(rows);
    Q_EMIT compoundEditFinished();
    if (m_model->rowCount() > 0)
        selectRows({std::min(rows.first(), m_model->rowCount() - 1)});
}

void LayerListView::moveSelectedUp()
{
    if (m_model)
        m_model->shiftRows(selectedRows(), -1);
}

void LayerListView::moveSelectedDown()
{
    if (m_model)
        m_model->shiftRows(selectedRows(), +1);
}

void LayerListView::keyPressEvent(QKeyEvent *event)
{
    // The view claims Delete before shortcuts see it (ShortcutOverride), so the Remove rows
    // action's keys are also taken here.
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        removeSelected();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Paste) && m_model) {
        const QList<int> rows = selectedRows();
        m_model->dropMimeData(QGuiApplication::clipboard()->mimeData(), Qt::CopyAction,
                              rows.isEmpty() ? m_model->rowCount() : rows.last() + 1, 0, {});
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

void LayerListView::dropEvent(QDropEvent *event)
{
    // Handled whole here rather than by QListView: a drop is one model edit (one undo step),
    // and rows moved within the list must not be removed again by the drag source.
    setState(NoState);
    viewport()->update();
    if (!m_model || !m_model->canDropMimeData(event->mimeData(), Qt::CopyAction, -1, 0, {})) {
        event->ignore();
        return;
    }
    const int row = dropRow(event->position().toPoint());
    const int before = m_model->rowCount();
    const bool internal = event->mimeData()->hasFormat(LayerFoldersModel::RowsMimeType) && event->source() == this;
    const QList<int> moved = internal ? selectedRows() : QList<int>{};
    if (!m_model->dropMimeData(event->mimeData(), Qt::CopyAction, row, 0, {})) {
        event->ignore();
        return;
    }
    // Copy, even for moves: the move already happened, so the source must not delete rows.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    const int added = m_model->rowCount() - before;
    if (added > 0) {
        QList<int> rows;
        for (int r = row; r < row + added; ++r)
            rows << r;
        selectRows(rows);
    } else if (!moved.isEmpty()) {
        const int above = int(std::count_if(moved.cbegin(), moved.cend(), [row](int r) { return r < row; }));
        QList<int> rows;
        for (int i = 0; i < moved.size(); ++i)
            rows << row - above + i;
        selectRows(rows);
    }
}

void LayerListView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    if (m_model && m_model->rowCount() == 0) {
        QPainter p(viewport());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(24, 0, -24, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Drop snapshots here from the Snapshots list or the Atlas, paste folder paths, "
                      "or use Fill from scratch snapshot."));
    }
}

} // namespace strata
