#include "images/imagelistmodel.h"

#include "core/datasize.h"

namespace strata {

void ImageListModel::setImages(QList<ImageSummary> images)
{
    beginResetModel();
    m_images = std::move(images);
    endResetModel();
}

void ImageListModel::upsert(const ImageSummary &image)
{
    if (const int row = rowOf(image.record.name); row >= 0) {
        m_images[row] = image;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int row = int(m_images.size());
    beginInsertRows({}, row, row);
    m_images.append(image);
    endInsertRows();
}

void ImageListModel::remove(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_images.removeAt(row);
    endRemoveRows();
}

int ImageListModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_images.size(); ++row) {
        if (m_images.at(row).record.name == name)
            return row;
    }
    return -1;
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
    const ImageSummary &image = m_images.at(index.row());
    switch (role) {
    case NameRole: return image.record.name;
    case DigestRole: return image.record.digest;
    case TopChainIdRole: return image.topChainId;
    case SortRole: return sortValue(image, index.column());
    case UnpackedRole: return image.unpacked >= 0;
    case Qt::DisplayRole: return display(image, index.column());
    case Qt::ToolTipRole: {
        QString tip = image.record.name + QLatin1Char('\n') + image.record.digest;
        if (!image.problem.isEmpty())
            tip += QLatin1Char('\n') + tr("Content not readable: %1").arg(image.problem);
        if (index.column() == Unpacked && image.unpacked < 0)
            tip += QLatin1Char('\n') + tr("Not unpacked for this snapshotter.");
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Layers || index.column() == Size || index.column() == Unpacked)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant ImageListModel::display(const ImageSummary &image, int column) const
{
    switch (column) {
    case Name: return image.record.name;
    case Platforms: return image.platforms.join(QLatin1String(", "));
    case Layers: return image.layers < 0 ? QString() : QString::number(image.layers);
    case Size: return image.size < 0 ? tr("unknown") : DataSize::text(image.size);
    case Unpacked: return image.unpacked < 0 ? QString() : DataSize::text(image.unpacked);
    case Created: return image.record.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Digest: return image.record.digest;
    }
    return {};
}

QVariant ImageListModel::sortValue(const ImageSummary &image, int column) const
{
    switch (column) {
    case Layers: return image.layers;
    case Size: return image.size;
    case Unpacked: return image.unpacked;
    case Created: return image.record.created;
    default: return display(image, column);
    }
}

QVariant ImageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Platforms: return tr("Platforms");
    case Layers: return tr("Layers");
    case Size: return tr("Size");
    case Unpacked: return tr("Unpacked");
    case Created: return tr("Created");
    case Digest: return tr("Digest");
    }
    return {};
}

} // namespace strata
