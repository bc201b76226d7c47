#pragma once

#include <QList>
#include <QModelIndex>
#include <QString>

class QAbstractItemModel;

namespace strata {

// A tree model as readable text: one row per line, two spaces of indent per level, the chosen
// columns' display text joined by " | " (empty trailing cells dropped). Tests compare these
// dumps; stratactl and bug reports can print them.
class AtlasTextDump
{
public:
    static QString dump(const QAbstractItemModel &model, const QList<int> &columns, const QModelIndex &root = {});
};

} // namespace strata
