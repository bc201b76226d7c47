#pragma once

#include "atlas/atlasroles.h"

#include <QString>

#include <memory>
#include <vector>

namespace strata {

// One row of the atlas tree. It holds only identity and structure; the data it shows lives in
// AtlasModel's tables, so a snapshot shown in several places changes everywhere at once.
struct AtlasNode
{
    Atlas::NodeType type = Atlas::NodeType::Branch;
    QString id;       // snapshot key (Snapshot, Layer), image name (Image), title (Branch)
    QString image;    // Images branch only: the image a Layer row or a top snapshot belongs to
    int position = 0; // Layer rows: 1-based, base layer first
    AtlasNode *parent = nullptr;
    int row = 0;      // kept current so that parent() costs no search
    std::vector<std::unique_ptr<AtlasNode>> children;

    AtlasNode *child(int r) const { return children[size_t(r)].get(); }
    int childCount() const { return int(children.size()); }
    // The row where a child with `id` keeps the children ordered by id.
    int insertionRow(const QString &childId) const;
    void insert(int r, std::unique_ptr<AtlasNode> node);
    std::unique_ptr<AtlasNode> take(int r);
    void renumber(int from = 0);
};

} // namespace strata
