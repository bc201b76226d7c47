#pragma once

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QWidget>

namespace strata::test {

// A drag arriving from outside the window, as the window system delivers it: enter, move,
// drop on `target` (a view's viewport). (QDrag::exec itself needs a platform drag loop, which the
// offscreen platform cannot drive, so the drag source side is not exercised here.)
inline bool dragInto(QWidget *target, QMimeData *data, const QPoint &pos)
{
    const Qt::DropActions actions = Qt::CopyAction | Qt::MoveAction;
    QDragEnterEvent enter(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    enter.setDropAction(Qt::CopyAction);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, actions, data, Qt::LeftButton, Qt::NoModifier);
    move.setDropAction(Qt::CopyAction);
    QApplication::sendEvent(target, &move);
    if (!move.isAccepted())
        return false;
    QDropEvent drop(QPointF(pos), actions, data, Qt::LeftButton, Qt::NoModifier);
    drop.setDropAction(Qt::CopyAction);
    QApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

} // namespace strata::test
