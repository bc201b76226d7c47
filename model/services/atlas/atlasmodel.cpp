#include "atlas/atlasmodel.h"

#include "atlas/atlascells.h"

#include <QSet>

#include <algorithm>
#include <functional>

namespace strata {

using Atlas::NodeType;

namespace {

std::unique_ptr<AtlasNode> makeNode(NodeType type, const QString &id, const QString &image = {}, int position = 0)
{
    auto n = std::make_unique<AtlasNode>();
    n->type = type;
    n->id = id;
    n->image = image;
    n->position = position;
    return n;
}

bool onTop(const AtlasSnapshot &s)
{
    return !s.info.parent.isEmpty() && (s.info.kind == SnapshotKind::Active || s.info.kind == SnapshotKind::View);
}

} // namespace

AtlasModel::AtlasModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_root.insert(0, makeNode(NodeType::Branch, tr("Images")));
    m_root.insert(1, makeNode(NodeType::Branch, tr("Snapshots")));
    m_imagesBranch = m_root.child(0);
    m_snapshotsBranch = m_root.child(1);
}

AtlasModel::~AtlasModel() = default;

// ---- structure ------------------------------------------------------------------------------

AtlasNode *AtlasModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<AtlasNode *>(index.internalPointer()) : const_cast<AtlasNode *>(&m_root);
}

QModelIndex AtlasModel::indexOf(const AtlasNode *n, int column) const
{
    if (!n || n == &m_root)
        return {};
    return createIndex(n->row, column, const_cast<AtlasNode *>(n));
}

void AtlasModel::insertNode(AtlasNode *parent, int row, std::unique_ptr<AtlasNode> n)
{
    beginInsertRows(indexOf(parent), row, row);
    AtlasNode *raw = n.get();
    parent->insert(row, std::move(n));
    registerTree(raw);
    endInsertRows();
}

void AtlasModel::removeNode(AtlasNode *n)
{
    AtlasNode *parent = n->parent;
    beginRemoveRows(indexOf(parent), n->row, n->row);
    unregisterTree(n);
    parent->take(n->row);
    endRemoveRows();
}

void AtlasModel::moveNode(AtlasNode *n, AtlasNode *newParent, int row)
{
    AtlasNode *oldParent = n->parent;
    const int from = n->row;
    if (!beginMoveRows(indexOf(oldParent), from, from, indexOf(newParent), row))
        return;
    auto owned = oldParent->take(from);
    // Taking the row shifts the destination when both are under the same parent.
    newParent->insert(oldParent == newParent && row > from ? row - 1 : row, std::move(owned));
    endMoveRows();
}

void AtlasModel::registerTree(AtlasNode *n)
{
    if (n->type == NodeType::Snapshot && n->image.isEmpty())
        m_snapshotNodes.insert(n->id, n);
    else if (n->type == NodeType::Snapshot || n->type == NodeType::Layer)
        m_refs.insert(n->id, n);
    else if (n->type == NodeType::Image)
        m_imageNodes.insert(n->id, n);
    for (const auto &c : n->children)
        registerTree(c.get());
}

void AtlasModel::unregisterTree(AtlasNode *n)
{
    for (const auto &c : n->children)
        unregisterTree(c.get());
    if (n->type == NodeType::Snapshot && n->image.isEmpty())
        m_snapshotNodes.remove(n->id);
    else if (n->type == NodeType::Snapshot || n->type == NodeType::Layer)
        m_refs.remove(n->id, n);
    else if (n->type == NodeType::Image)
        m_imageNodes.remove(n->id);
}

void AtlasModel::rowChanged(const AtlasNode *n)
{
    Q_EMIT dataChanged(indexOf(n, 0), indexOf(n, Atlas::ColumnCount - 1));
}

void AtlasModel::snapshotChanged(const QString &key)
{
    if (auto *n = m_snapshotNodes.value(key))
        rowChanged(n);
    for (auto it = m_refs.constFind(key); it != m_refs.cend() && it.key() == key; ++it)
        rowChanged(*it);
    // Image rows show the sum of their layers.
    for (const auto &name : m_usedBy.value(key)) {
        if (auto *n = m_imageNodes.value(name))
            rowChanged(n);
    }
}

int AtlasModel::depth(const QString &key) const
{
    int d = 0;
    for (const AtlasNode *n = m_snapshotNodes.value(key); n && n != m_snapshotsBranch; n = n->parent)
        ++d;
    return d;
}

// ---- snapshots ------------------------------------------------------------------------------

void AtlasModel::setContents(const AtlasContents &contents)
{
    if (contents.snapshotter != m_snapshotter) {
        clear();
        m_snapshotter = contents.snapshotter;
    }

    if (m_snapshots.isEmpty()) {
        fillSnapshots(contents.snapshots);
    } else {
        QSet<QString> present;
        for (const auto &s : contents.snapshots)
            present.insert(s.info.key);
        QStringList gone;
        for (auto it = m_snapshots.cbegin(); it != m_snapshots.cend(); ++it) {
            if (!present.contains(it.key()))
                gone << it.key();
        }
        // Children first, so that no removal strands a child that is going too.
        std::sort(gone.begin(), gone.end(), [this](const QString &a, const QString &b) { return depth(a) > depth(b); });
        for (const auto &key : gone)
            removeSnapshot(key);
        // Parents first, so that each new snapshot finds its parent's row.
        QHash<QString, const AtlasSnapshot *> byKey;
        for (const auto &s : contents.snapshots)
            byKey.insert(s.info.key, &s);
        QHash<QString, int> depths;
        std::function<int(const QString &)> depthIn = [&](const QString &key) -> int {
            auto cached = depths.constFind(key);
            if (cached != depths.cend())
                return *cached;
            depths.insert(key, 0); // a cycle ends here
            const auto *s = byKey.value(key);
            const int d = s && byKey.contains(s->info.parent) ? depthIn(s->info.parent) + 1 : 0;
            depths.insert(key, d);
            return d;
        };
        QList<const AtlasSnapshot *> order;
        for (const auto &s : contents.snapshots)
            order << &s;
        std::stable_sort(order.begin(), order.end(), [&](const AtlasSnapshot *a, const AtlasSnapshot *b) {
            return depthIn(a->info.key) < depthIn(b->info.key);
        });
        for (const auto *s : order)
            upsertSnapshot(*s);
    }

    QSet<QString> names;
    for (const auto &i : contents.images)
        names.insert(i.record.name);
    for (const auto &name : m_images.keys()) {
        if (!names.contains(name))
            removeImage(name);
    }
    for (const auto &i : contents.images)
        upsertImage(i);
}

// The first load builds the forest off-model and announces it as one insert per branch:
// thousands of single-row inserts would cost seconds in attached views.
void AtlasModel::fillSnapshots(const QList<AtlasSnapshot> &snapshots)
{
    if (snapshots.isEmpty())
        return;
    QHash<QString, qsizetype> slot;
    std::vector<std::unique_ptr<AtlasNode>> nodes;
    nodes.reserve(size_t(snapshots.size()));
    QHash<QString, AtlasNode *> raw;
    for (const auto &s : snapshots) {
        if (m_snapshots.contains(s.info.key))
            continue;
        m_snapshots.insert(s.info.key, s);
        slot.insert(s.info.key, qsizetype(nodes.size()));
        nodes.push_back(makeNode(NodeType::Snapshot, s.info.key));
        raw.insert(s.info.key, nodes.back().get());
    }
    std::vector<std::unique_ptr<AtlasNode>> top;
    QStringList keys = m_snapshots.keys();
    keys.sort();
    for (const auto &key : keys) {
        auto owned = std::move(nodes[size_t(slot.value(key))]);
        AtlasNode *parent = raw.value(m_snapshots.value(key).info.parent);
        // A parent that is its own descendant would detach the chain; hang it at the top.
        for (AtlasNode *p = parent; p; p = p->parent) {
            if (p == owned.get()) {
                parent = nullptr;
                break;
            }
        }
        if (parent) {
            owned->parent = parent;
            parent->children.push_back(std::move(owned));
        } else {
            top.push_back(std::move(owned));
        }
    }
    for (auto *n : raw)
        n->renumber();

    beginInsertRows(indexOf(m_snapshotsBranch), 0, int(top.size()) - 1);
    for (auto &n : top) {
        n->parent = m_snapshotsBranch;
        m_snapshotsBranch->children.push_back(std::move(n));
    }
    m_snapshotsBranch->renumber();
    registerTree(m_snapshotsBranch);
    endInsertRows();
    rowChanged(m_snapshotsBranch);
}

void AtlasModel::upsertSnapshot(const AtlasSnapshot &s)
{
    auto existing = m_snapshots.find(s.info.key);
    if (existing != m_snapshots.end()) {
        if (existing->info.parent == s.info.parent && existing->info.kind == s.info.kind) {
            *existing = s;
            snapshotChanged(s.info.key);
            return;
        }
        // Same key, another snapshot (removed and made again): not an update.
        removeSnapshot(s.info.key);
    }
    insertSnapshot(s);
}

void AtlasModel::insertSnapshot(const AtlasSnapshot &s)
{
    const QString &key = s.info.key;
    m_snapshots.insert(key, s);
    AtlasNode *parent = m_snapshotNodes.value(s.info.parent, m_snapshotsBranch);
    insertNode(parent, parent->insertionRow(key), makeNode(NodeType::Snapshot, key));
    AtlasNode *n = m_snapshotNodes.value(key);

    // Children that arrived before their parent wait at the top; adopt them.
    QList<AtlasNode *> orphans;
    for (const auto &c : m_snapshotsBranch->children) {
        if (c.get() != n && m_snapshots.value(c->id).info.parent == key)
            orphans << c.get();
    }
    for (auto *o : orphans)
        moveNode(o, n, n->insertionRow(o->id));

    if (onTop(s)) {
        for (auto it = m_images.cbegin(); it != m_images.cend(); ++it) {
            if (it->layerKeys.isEmpty() || it->layerKeys.constLast() != s.info.parent)
                continue;
            for (auto *layer : m_refs.values(s.info.parent)) {
                if (layer->type == NodeType::Layer && layer->image == it.key())
                    insertNode(layer, layer->insertionRow(key), topSnapshotNode(key, it.key()));
            }
        }
    }
    snapshotChanged(key);
    rowChanged(m_snapshotsBranch);
}

void AtlasModel::removeSnapshot(const QString &key)
{
    AtlasNode *n = m_snapshotNodes.value(key);
    if (!n)
        return;
    // containerd refuses to remove a parent, so this only happens when a refresh is behind:
    // keep the children visible at the top until their parent shows up again.
    while (n->childCount() > 0) {
        AtlasNode *c = n->child(0);
        moveNode(c, m_snapshotsBranch, m_snapshotsBranch->insertionRow(c->id));
    }
    for (auto *ref : m_refs.values(key)) {
        if (ref->type == NodeType::Snapshot)
            removeNode(ref);
    }
    removeNode(n);
    m_snapshots.remove(key);
    snapshotChanged(key); // layer rows that name it now show it missing
    rowChanged(m_snapshotsBranch);
}

QStringList AtlasModel::childKeys(const QString &key) const
{
    QStringList out;
    if (const auto *n = m_snapshotNodes.value(key)) {
        for (const auto &c : n->children)
            out << c->id;
    }
    return out;
}

// ---- images ---------------------------------------------------------------------------------

std::unique_ptr<AtlasNode> AtlasModel::topSnapshotNode(const QString &key, const QString &imageName) const
{
    return makeNode(NodeType::Snapshot, key, imageName);
}

std::unique_ptr<AtlasNode> AtlasModel::imageTree(const AtlasImage &image) const
{
    const QString &name = image.record.name;
    auto root = makeNode(NodeType::Image, name, name);
    for (int i = 0; i < image.layerKeys.size(); ++i)
        root->insert(i, makeNode(NodeType::Layer, image.layerKeys.at(i), name, i + 1));
    if (root->childCount() > 0) {
        AtlasNode *top = root->child(root->childCount() - 1);
        if (const auto *topNode = m_snapshotNodes.value(top->id)) {
            for (const auto &c : topNode->children) {
                if (onTop(m_snapshots.value(c->id)))
                    top->insert(top->childCount(), topSnapshotNode(c->id, name));
            }
        }
    }
    return root;
}

void AtlasModel::upsertImage(const AtlasImage &image)
{
    const QString &name = image.record.name;
    auto existing = m_images.find(name);
    if (existing != m_images.end()) {
        if (existing->layerKeys == image.layerKeys) {
            *existing = image;
            rowChanged(m_imageNodes.value(name));
            return;
        }
        removeImage(name);
    }
    m_images.insert(name, image);
    insertNode(m_imagesBranch, m_imagesBranch->insertionRow(name), imageTree(image));
    setUsedBy(image, true);
    rowChanged(m_imagesBranch);
}

void AtlasModel::removeImage(const QString &name)
{
    auto it = m_images.find(name);
    if (it == m_images.end())
        return;
    const AtlasImage image = *it;
    if (auto *n = m_imageNodes.value(name))
        removeNode(n);
    m_images.erase(it);
    setUsedBy(image, false);
    rowChanged(m_imagesBranch);
}

void AtlasModel::setUsedBy(const AtlasImage &image, bool add)
{
    const QString &name = image.record.name;
    for (const auto &key : image.layerKeys) {
        QStringList &names = m_usedBy[key];
        if (add && !names.contains(name)) {
            names.insert(std::lower_bound(names.begin(), names.end(), name), name);
        } else if (!add) {
            names.removeAll(name);
            if (names.isEmpty())
                m_usedBy.remove(key);
        }
        snapshotChanged(key);
    }
}

void AtlasModel::clear()
{
    for (const auto &name : m_images.keys())
        removeImage(name);
    if (m_snapshotsBranch->childCount() > 0) {
        beginRemoveRows(indexOf(m_snapshotsBranch), 0, m_snapshotsBranch->childCount() - 1);
        for (const auto &c : m_snapshotsBranch->children)
            unregisterTree(c.get());
        m_snapshotsBranch->children.clear();
        m_snapshots.clear();
        endRemoveRows();
        rowChanged(m_snapshotsBranch);
    }
}

// ---- lookups --------------------------------------------------------------------------------

const AtlasSnapshot *AtlasModel::snapshot(const QString &key) const
{
    auto it = m_snapshots.constFind(key);
    return it == m_snapshots.cend() ? nullptr : &*it;
}

const AtlasImage *AtlasModel::image(const QString &name) const
{
    auto it = m_images.constFind(name);
    return it == m_images.cend() ? nullptr : &*it;
}

QModelIndex AtlasModel::imagesIndex() const
{
    return indexOf(m_imagesBranch);
}

QModelIndex AtlasModel::snapshotsIndex() const
{
    return indexOf(m_snapshotsBranch);
}

QModelIndex AtlasModel::indexOfSnapshot(const QString &key, int column) const
{
    return indexOf(m_snapshotNodes.value(key), column);
}

QModelIndex AtlasModel::indexOfImage(const QString &name, int column) const
{
    return indexOf(m_imageNodes.value(name), column);
}

// ---- QAbstractItemModel ---------------------------------------------------------------------

QModelIndex AtlasModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, node(parent)->child(row));
}

QModelIndex AtlasModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(node(child)->parent);
}

int AtlasModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return node(parent)->childCount();
}

int AtlasModel::columnCount(const QModelIndex &) const
{
    return Atlas::ColumnCount;
}

bool AtlasModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant AtlasModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return nodeData(node(index), index.column(), role);
}

QVariant AtlasModel::nodeData(const AtlasNode *n, int column, int role) const
{
    AtlasCells::Row row;
    row.node = n;
    switch (n->type) {
    case NodeType::Branch:
        row.count = n == m_imagesBranch ? int(m_images.size()) : int(m_snapshots.size());
        break;
    case NodeType::Image:
        row.image = image(n->id);
        if (row.image) {
            // The unpacked size: the sum of the layers' usage, when every layer has one.
            qint64 total = 0;
            bool complete = !row.image->layerKeys.isEmpty();
            for (const auto &key : row.image->layerKeys) {
                const auto *s = snapshot(key);
                complete = complete && s && s->usage;
                total += s && s->usage ? s->usage->size : 0;
            }
            if (complete)
                row.imageSize = total;
        }
        break;
    case NodeType::Layer:
        row.image = image(n->image);
        row.count = row.image ? int(row.image->layerKeys.size()) : 0;
        Q_FALLTHROUGH();
    case NodeType::Snapshot:
        row.snapshot = snapshot(n->id);
        row.usedBy = m_usedBy.value(n->id);
        row.snapshotter = m_snapshotter;
        break;
    }
    return AtlasCells::data(row, column, role);
}

QVariant AtlasModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    return AtlasCells::header(section, role);
}

} // namespace strata
