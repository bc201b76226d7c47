#include "atlas/atlasnode.h"

#include <algorithm>

namespace strata {

int AtlasNode::insertionRow(const QString &childId) const
{
    auto it = std::lower_bound(children.begin(), children.end(), childId,
                               [](const std::unique_ptr<AtlasNode> &n, const QString &k) { return n->id < k; });
    return int(it - children.begin());
}

void AtlasNode::insert(int r, std::unique_ptr<AtlasNode> node)
{
    node->parent = this;
    children.insert(children.begin() + r, std::move(node));
    renumber(r);
}

std::unique_ptr<AtlasNode> AtlasNode::take(int r)
{
    auto node = std::move(children[size_t(r)]);
    children.erase(children.begin() + r);
    renumber(r);
    node->parent = nullptr;
    return node;
}

void AtlasNode::renumber(int from)
{
    for (int i = from; i < childCount(); ++i)
        children[size_t(i)]->row = i;
}

} // namespace strata
