#include "atlas/atlasfiltermodel.h"

#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"
#include "layers/snapshotmime.h"

#include <QMimeData>
#include <QSet>

#include <algorithm>

namespace strata {

AtlasFilterModel::AtlasFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(Atlas::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void AtlasFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() is its equivalent.
    m_text = trimmed;
    bool number = false;
    m_text.toULongLong(&number);
    m_folderNumber = number;
    invalidateFilter();
}

bool AtlasFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto type = Atlas::NodeType(index.data(Atlas::NodeTypeRole).toInt());
    if (type == Atlas::NodeType::Branch)
        return false; // shown when something below matches
    // A number is a folder number: as a key fragment it would match nearly every digest.
    if (m_folderNumber)
        return index.data(Atlas::FolderIdRole).toString() == m_text;
    const auto contains = [this](const QString &s) { return s.contains(m_text, Qt::CaseInsensitive); };
    if (contains(index.data(Atlas::KeyRole).toString()))
        return true;
    // Under Images a row belongs to one image; in the forest it belongs to every image using it.
    const QString image = index.data(Atlas::ImageNameRole).toString();
    if (!image.isEmpty())
        return contains(image);
    const QStringList usedBy = index.data(Atlas::UsedByRole).toStringList();
    return std::any_of(usedBy.cbegin(), usedBy.cend(), contains);
}

bool AtlasFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!left.parent().isValid()) {
        // Undo the reversal a descending sort applies, so Images stays above Snapshots.
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

Qt::ItemFlags AtlasFilterModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QSortFilterProxyModel::flags(index);
    if (!index.data(Atlas::KeyRole).toString().isEmpty())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList AtlasFilterModel::mimeTypes() const
{
    return {SnapshotMime::Type, QStringLiteral("text/plain")};
}

QMimeData *AtlasFilterModel::mimeData(const QModelIndexList &indexes) const
{
    const auto *atlas = qobject_cast<const AtlasModel *>(sourceModel());
    QList<SnapshotMime::Item> items;
    QSet<QString> seen;
    for (const QModelIndex &i : indexes) {
        const QString key = i.data(Atlas::KeyRole).toString();
        if (key.isEmpty() || seen.contains(key)) // one item per row, not per column
            continue;
        seen.insert(key);
        items << SnapshotMime::Item{atlas ? atlas->snapshotter() : QString(), key, i.data(Atlas::FolderPathRole).toString()};
    }
    return items.isEmpty() ? nullptr : SnapshotMime::toMimeData(items);
}

} // namespace strata
