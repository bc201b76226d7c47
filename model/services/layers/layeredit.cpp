#include "layers/layeredit.h"

#include <QSet>

#include <algorithm>
#include <numeric>

namespace strata {

LayerEdit LayerEdit::insert(int row, const QStringList &folders, const QString &text)
{
    LayerEdit e;
    e.kind = Kind::Insert;
    e.row = row;
    e.count = int(folders.size());
    e.folders = folders;
    e.text = text;
    return e;
}

LayerEdit LayerEdit::remove(int row, int count, const QString &text)
{
    LayerEdit e;
    e.kind = Kind::Remove;
    e.row = row;
    e.count = count;
    e.text = text;
    return e;
}

LayerEdit LayerEdit::permute(const QList<int> &order, const QString &text)
{
    LayerEdit e;
    e.kind = Kind::Permute;
    e.order = order;
    e.text = text;
    return e;
}

LayerEdit LayerEdit::replace(const QStringList &folders, const QString &text)
{
    LayerEdit e;
    e.kind = Kind::Replace;
    e.folders = folders;
    e.text = text;
    return e;
}

LayerEdit LayerEdit::moveTo(const QList<int> &rows, int destination, int size, const QString &text)
{
    QList<int> moving = rows;
    std::sort(moving.begin(), moving.end());
    moving.erase(std::unique(moving.begin(), moving.end()), moving.end());
    const QSet<int> selected(moving.cbegin(), moving.cend());
    QList<int> order;
    for (int r = 0; r <= size; ++r) {
        if (r == destination)
            order << moving;
        if (r < size && !selected.contains(r))
            order << r;
    }
    return permute(order, text);
}

LayerEdit LayerEdit::shift(const QList<int> &rows, int delta, int size, const QString &text)
{
    QList<int> order(size);
    std::iota(order.begin(), order.end(), 0);
    QList<bool> selected(size, false);
    for (int r : rows) {
        if (r >= 0 && r < size)
            selected[r] = true;
    }
    // Walk towards the edge we move to, so a block of selected rows moves as one.
    const bool up = delta < 0;
    for (int i = up ? 0 : size - 1; up ? i < size : i >= 0; i += up ? 1 : -1) {
        const int j = i + (up ? -1 : 1);
        if (!selected[i] || j < 0 || j >= size || selected[j])
            continue;
        std::swap(order[i], order[j]);
        std::swap(selected[i], selected[j]);
    }
    return permute(order, text);
}

bool LayerEdit::isNoOp() const
{
    switch (kind) {
    case Kind::Insert:
        return folders.isEmpty();
    case Kind::Remove:
        return count <= 0;
    case Kind::Permute:
        for (int i = 0; i < order.size(); ++i) {
            if (order[i] != i)
                return false;
        }
        return true;
    case Kind::Replace:
        return false;
    }
    return false;
}

} // namespace strata
