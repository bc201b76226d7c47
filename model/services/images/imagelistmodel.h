#pragma once

#include "types/records.h"

#include <QAbstractTableModel>
#include <QList>

namespace strata {

// The images of one namespace as a flat table.
class ImageListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Digest, MediaType, Size, Created, ColumnCount };
    // The full record's name and digest for views that act on a row.
    enum Role { NameRole = Qt::UserRole + 1, DigestRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setImages(QList<ImageRecord> images);
    const QList<ImageRecord> &images() const { return m_images; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ImageRecord> m_images;
};

} // namespace strata
