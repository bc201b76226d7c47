#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace strata {

// One change to a layer list, as a value: the model applies it and hands back the edit that
// undoes it, so an undo stack (a QtGui thing, kept out of model/) only stores pairs of these.
struct LayerEdit
{
    enum class Kind {
        Insert,  // `folders` at `row`
        Remove,  // `count` rows from `row`
        Permute, // the row now at i is the row that was at `order[i]`
        Replace, // the whole list becomes `folders`
    };

    Kind kind = Kind::Replace;
    int row = 0;
    int count = 0;
    QStringList folders;
    QList<int> order;
    QString text; // for undo/redo menus: "Add 2 layers"

    static LayerEdit insert(int row, const QStringList &folders, const QString &text = {});
    static LayerEdit remove(int row, int count, const QString &text = {});
    static LayerEdit permute(const QList<int> &order, const QString &text = {});
    static LayerEdit replace(const QStringList &folders, const QString &text = {});

    // `rows` (any order, any gaps) lifted out of a list of `size` rows and put back, in their
    // order, before the row that was at `destination` (size: at the end).
    static LayerEdit moveTo(const QList<int> &rows, int destination, int size, const QString &text = {});
    // Each of `rows` steps `delta` (-1 up, +1 down) past its nearest unselected neighbour; rows
    // at the edge stay. Returns an identity permutation when nothing can move.
    static LayerEdit shift(const QList<int> &rows, int delta, int size, const QString &text = {});

    // A permutation that changes nothing, or a remove of no rows: not worth an undo step.
    bool isNoOp() const;

    bool operator==(const LayerEdit &) const = default;
};

} // namespace strata
