#pragma once

#include "images/imagesummary.h"

#include <QAbstractTableModel>
#include <QList>

namespace strata {

// The images of one namespace as a flat table, one row per name. Rows change in place as
// image events arrive (upsert, remove): a view keeps its selection and scroll position.
class ImageListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Platforms, Layers, Size, Unpacked, Created, Digest, ColumnCount };
    enum Role {
        NameRole = Qt::UserRole + 1,
        DigestRole,
        TopChainIdRole, // the committed snapshot the image's rootfs is prepared on
        SortRole,       // numbers as numbers, times as times
        UnpackedRole,   // bool: every layer is a committed snapshot of the session's snapshotter
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setImages(QList<ImageSummary> images);
    // Replaces the row of the same name, or appends one.
    void upsert(const ImageSummary &image);
    void remove(const QString &name);
    const QList<ImageSummary> &images() const { return m_images; }
    int rowOf(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const ImageSummary &image, int column) const;
    QVariant sortValue(const ImageSummary &image, int column) const;

    QList<ImageSummary> m_images;
};

} // namespace strata
