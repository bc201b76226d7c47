#include "atlas/atlascells.h"

#include "core/datasize.h"

#include <QCoreApplication>

namespace strata {

using Atlas::NodeType;

namespace {

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QVariantMap toVariantMap(const QMap<QString, QString> &labels)
{
    QVariantMap out;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

bool isNumeric(int column)
{
    return column == Atlas::FolderColumn || column == Atlas::SizeColumn || column == Atlas::InodesColumn
        || column == Atlas::LabelsColumn;
}

} // namespace

QVariant AtlasCells::data(const Row &row, int column, int role)
{
    const AtlasNode *n = row.node;
    const AtlasSnapshot *s = row.snapshot;
    switch (role) {
    case Qt::DisplayRole: return display(row, column);
    case Qt::ToolTipRole: return toolTip(row, column);
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Atlas::SortRole: return sortValue(row, column);
    case Atlas::NodeTypeRole: return int(n->type);
    case Atlas::KeyRole:
        return n->type == NodeType::Snapshot || n->type == NodeType::Layer ? QVariant(n->id) : QVariant();
    case Atlas::ImageNameRole:
        return n->type == NodeType::Image ? n->id : n->image.isEmpty() ? QVariant() : QVariant(n->image);
    case Atlas::KindRole: return s ? QVariant(int(s->info.kind)) : QVariant();
    case Atlas::ParentKeyRole: return s ? QVariant(s->info.parent) : QVariant();
    case Atlas::FolderIdRole: return s ? QVariant(s->folderId) : QVariant();
    case Atlas::FolderPathRole: return s ? QVariant(s->folderPath) : QVariant();
    case Atlas::FolderSourceRole: return s ? QVariant(s->folderSource) : QVariant();
    case Atlas::SizeRole:
        if (s && s->usage)
            return s->usage->size;
        return row.imageSize ? QVariant(*row.imageSize) : QVariant();
    case Atlas::InodesRole: return s && s->usage ? QVariant(s->usage->inodes) : QVariant();
    case Atlas::CreatedRole:
        return s ? QVariant(s->info.created) : row.image && n->type == NodeType::Image ? QVariant(row.image->record.created) : QVariant();
    case Atlas::LabelsRole:
        return s ? QVariant(toVariantMap(s->info.labels))
            : row.image && n->type == NodeType::Image ? QVariant(toVariantMap(row.image->record.labels))
                                                     : QVariant();
    case Atlas::UsedByRole: return row.usedBy;
    case Atlas::LayerPositionRole: return n->type == NodeType::Layer ? QVariant(n->position) : QVariant();
    case Atlas::LayerCountRole:
        return n->type == NodeType::Layer ? QVariant(row.count)
            : n->type == NodeType::Image && row.image ? QVariant(int(row.image->layerKeys.size()))
                                                      : QVariant();
    default: return {};
    }
}

QVariant AtlasCells::display(const Row &row, int column)
{
    const AtlasNode *n = row.node;
    const AtlasSnapshot *s = row.snapshot;
    if (n->type == NodeType::Branch) {
        if (column == Atlas::NameColumn)
            return n->id;
        if (column == Atlas::KindColumn)
            return n->row == 0 ? (row.count == 1 ? tr("1 image") : tr("%1 images").arg(row.count))
                               : (row.count == 1 ? tr("1 snapshot") : tr("%1 snapshots").arg(row.count));
        return {};
    }
    if (n->type == NodeType::Image) {
        const AtlasImage *i = row.image;
        switch (column) {
        case Atlas::NameColumn: return n->id;
        case Atlas::KindColumn:
            if (!i || !i->error.isEmpty())
                return tr("image (layers unknown)");
            return i->layerKeys.size() == 1 ? tr("image, 1 layer") : tr("image, %1 layers").arg(i->layerKeys.size());
        case Atlas::SizeColumn: return row.imageSize ? DataSize::text(*row.imageSize) : QString();
        case Atlas::CreatedColumn: return i ? formatTime(i->record.created) : QString();
        case Atlas::LabelsColumn: return i ? QString::number(i->record.labels.size()) : QString();
        default: return {};
        }
    }
    switch (column) {
    case Atlas::NameColumn: return n->id;
    case Atlas::KindColumn:
        if (n->type == NodeType::Layer)
            return tr("layer %1/%2").arg(n->position).arg(row.count);
        return s ? kindName(s->info.kind) : QString();
    case Atlas::FolderColumn: return s ? s->folderId : QString();
    case Atlas::SizeColumn: return s && s->usage ? DataSize::text(s->usage->size) : QString();
    case Atlas::InodesColumn: return s && s->usage ? QString::number(s->usage->inodes) : QString();
    case Atlas::CreatedColumn: return s ? formatTime(s->info.created) : QString();
    case Atlas::LabelsColumn: return s ? QString::number(s->info.labels.size()) : QString();
    case Atlas::UsedByColumn: return row.usedBy.join(QStringLiteral(", "));
    case Atlas::PathColumn:
        if (!s)
            return tr("(not unpacked in %1)").arg(row.snapshotter);
        return s->folderPath;
    default: return {};
    }
}

QVariant AtlasCells::sortValue(const Row &row, int column)
{
    const AtlasNode *n = row.node;
    const AtlasSnapshot *s = row.snapshot;
    // Layers keep their stack order under the name and kind columns.
    if (n->type == NodeType::Layer && (column == Atlas::NameColumn || column == Atlas::KindColumn))
        return n->position;
    switch (column) {
    case Atlas::FolderColumn: return s && !s->folderId.isEmpty() ? s->folderId.toLongLong() : -1;
    case Atlas::SizeColumn: {
        const QVariant size = data(row, column, Atlas::SizeRole);
        return size.isValid() ? size.toLongLong() : -1;
    }
    case Atlas::InodesColumn: return s && s->usage ? s->usage->inodes : -1;
    case Atlas::CreatedColumn: return data(row, column, Atlas::CreatedRole).toDateTime();
    case Atlas::LabelsColumn: return data(row, column, Atlas::LabelsRole).toMap().size();
    default: return display(row, column).toString();
    }
}

QVariant AtlasCells::toolTip(const Row &row, int column)
{
    const AtlasNode *n = row.node;
    if (n->type == NodeType::Image && row.image && !row.image->error.isEmpty())
        return tr("The layers of %1 are unknown: %2").arg(n->id, row.image->error);
    if (n->type == NodeType::Layer && !row.snapshot)
        return tr("Layer %1 of %2 (%3) is not unpacked in the %4 snapshotter.")
            .arg(n->position).arg(n->image, n->id, row.snapshotter);
    if (column == Atlas::UsedByColumn && !row.usedBy.isEmpty())
        return tr("Layer of: %1").arg(row.usedBy.join(QStringLiteral(", ")));
    const QString text = display(row, column).toString();
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant AtlasCells::header(int section, int role)
{
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Atlas::NameColumn: return tr("Key / name");
    case Atlas::KindColumn: return tr("Kind");
    case Atlas::FolderColumn: return tr("Folder");
    case Atlas::SizeColumn: return tr("Size");
    case Atlas::InodesColumn: return tr("Inodes");
    case Atlas::CreatedColumn: return tr("Created");
    case Atlas::LabelsColumn: return tr("Labels");
    case Atlas::UsedByColumn: return tr("Used by");
    case Atlas::PathColumn: return tr("Folder path");
    default: return {};
    }
}

} // namespace strata
