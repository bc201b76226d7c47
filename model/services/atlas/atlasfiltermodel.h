#pragma once

#include <QSortFilterProxyModel>

namespace strata {

// Sorting and filtering over AtlasModel. Text that is a number selects the rows in that
// folder; other text selects rows whose key, image, or "used by" images contain it, ignoring
// case. Ancestors of a match stay visible, so a match is always seen in place. The two
// branches keep their order whatever the sort.
class AtlasFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AtlasFilterModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    bool isFiltering() const { return !m_text.isEmpty(); }

    // Snapshot and layer rows drag out as SnapshotMime items (into the layer stack editor).
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    bool m_folderNumber = false;
};

} // namespace strata
