#include "images/imagelistmodel.h"

#include <QLocale>

namespace strata {

void ImageListModel::setImages(QList<ImageRecord> images)
{
    beginResetModel();
    m_images = std::move(images);
    endResetModel();
}

int ImageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_images.size());
}

int ImageListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto &image = m_images.at(index.row());
    switch (role) {
    case NameRole: return image.name;
    case DigestRole: return image.digest;
    case Qt::ToolTipRole: return image.name + QLatin1Char('\n') + image.digest;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return image.name;
        case Digest: return image.digest;
        case MediaType: return image.mediaType;
        case Size: return QLocale().formattedDataSize(image.size);
        case Created: return image.created.toLocalTime().toString(Qt::ISODate);
        }
        break;
    }
    return {};
}

QVariant ImageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Digest: return tr("Digest");
    case MediaType: return tr("Media type");
    case Size: return tr("Size");
    case Created: return tr("Created");
    }
    return {};
}

} // namespace strata
