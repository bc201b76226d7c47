#include "atlas/atlastextdump.h"

#include <QAbstractItemModel>
#include <QStringList>

namespace strata {

namespace {

void dumpRows(const QAbstractItemModel &model, const QList<int> &columns, const QModelIndex &parent, int depth,
              QString &out)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        QStringList cells;
        for (int c : columns)
            cells << model.index(r, c, parent).data().toString();
        while (!cells.isEmpty() && cells.constLast().isEmpty())
            cells.removeLast();
        out += QString(depth * 2, QLatin1Char(' ')) + cells.join(QStringLiteral(" | ")) + QLatin1Char('\n');
        dumpRows(model, columns, model.index(r, 0, parent), depth + 1, out);
    }
}

} // namespace

QString AtlasTextDump::dump(const QAbstractItemModel &model, const QList<int> &columns, const QModelIndex &root)
{
    QString out;
    dumpRows(model, columns, root, 0, out);
    return out;
}

} // namespace strata
