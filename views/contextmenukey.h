#pragma once

class QAbstractItemView;

namespace strata {

// Shift+F10 opens an item view's context menu at its current item, as the Menu key does
// (Qt maps only the latter to a context-menu event on Linux).
class ContextMenuKey
{
public:
    static void install(QAbstractItemView *view);
};

} // namespace strata
