#pragma once

#include <Qt>

namespace strata {

// The atlas tree's columns and roles, shared by the model, its proxy and the views.
namespace Atlas {

enum Column {
    NameColumn,   // snapshot key, image name or branch title
    KindColumn,   // committed / active / view, "image", or "layer i/n"
    FolderColumn, // folder number
    SizeColumn,
    InodesColumn,
    CreatedColumn,
    LabelsColumn, // label count
    UsedByColumn, // image names whose layers include this snapshot
    PathColumn,   // folder path
    ColumnCount
};

enum class NodeType { Branch, Image, Layer, Snapshot };

enum Role {
    NodeTypeRole = Qt::UserRole + 1, // int(NodeType)
    KeyRole,        // snapshot key (snapshot and layer rows)
    ImageNameRole,  // image name (image and layer rows)
    KindRole,       // int(SnapshotKind)
    ParentKeyRole,
    FolderIdRole,   // QString, empty when unknown
    FolderPathRole, // QString, empty when unknown
    SizeRole,       // qint64, invalid QVariant when unknown
    InodesRole,
    CreatedRole,    // QDateTime
    LabelsRole,     // QVariantMap
    UsedByRole,     // QStringList
    LayerPositionRole, // 1-based, base layer first (layer rows)
    LayerCountRole,
    SortRole,       // typed value for sorting the column (numbers sort as numbers)
    FolderSourceRole, // QString: where the folder number was read
};

} // namespace Atlas

} // namespace strata
