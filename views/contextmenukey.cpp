#include "contextmenukey.h"

#include <QAbstractItemView>
#include <QShortcut>

namespace strata {

void ContextMenuKey::install(QAbstractItemView *view)
{
    auto *key = new QShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10), view);
    key->setContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(key, &QShortcut::activated, view, [view] {
        const QModelIndex current = view->currentIndex();
        const QPoint at = current.isValid() ? view->visualRect(current).center() : QPoint(0, 0);
        Q_EMIT view->customContextMenuRequested(at);
    });
}

} // namespace strata
