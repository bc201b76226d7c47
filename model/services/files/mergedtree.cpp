#include "files/mergedtree.h"

#include <algorithm>

namespace strata {

namespace {

quint64 childKey(qint32 parent, qint32 name)
{
    return (quint64(quint32(parent)) << 32) | quint32(name);
}

} // namespace

MergedTree::MergedTree()
{
    m_names << QString();
    m_nameIds.insert(QString(), 0);
    m_nodes.append(Node{});
}

MergedTree MergedTree::build(const QList<LayerChanges> &layers)
{
    MergedTree tree;
    tree.m_layerCount = int(layers.size());
    for (int i = 0; i < layers.size(); ++i)
        tree.apply(layers[i], i);
    tree.summarise();
    return tree;
}

void MergedTree::apply(const LayerChanges &changes, int layer)
{
    // A layer's removals act on the layers below it only, whatever order its members come in:
    // apply them first, then what the layer adds.
    for (const auto &e : changes) {
        if (!FileKindName::isRemoval(e.kind))
            continue;
        const auto node = find(e.path);
        if (e.kind == FileKind::Whiteout) {
            if (node)
                remove(*node, layer, Removal::Whiteout, e.path);
        } else if (node && m_nodes[*node].kind == FileKind::Dir) {
            detachChildren(*node, layer, Removal::Opaque, e.path);
        }
    }
    for (const auto &e : changes) {
        if (e.kind == FileKind::File)
            m_versionBytes += e.size;
        if (!FileKindName::isRemoval(e.kind))
            put(e, layer);
        if (e.kind != FileKind::Dir && !FileKindName::isRemoval(e.kind))
            addVersion(e.path, e.size);
    }
}

void MergedTree::addVersion(const QString &path, qint64 bytes)
{
    auto it = m_versions.find(path);
    if (it == m_versions.end())
        m_versions.insert(path, {bytes, bytes});
    else
        *it = {it->first + bytes, std::min(it->second, bytes)};
}

void MergedTree::remove(int node, int byLayer, Removal how, const QString &path)
{
    Removed r{path, byLayer, how, 0, {}};
    collect(node, r.bytes, r.fromLayers);
    std::sort(r.fromLayers.begin(), r.fromLayers.end());
    r.fromLayers.erase(std::unique(r.fromLayers.begin(), r.fromLayers.end()), r.fromLayers.end());
    if (how == Removal::Whiteout)
        addVersion(path, r.bytes);
    m_removed.append(std::move(r));
    unlink(node);
}

void MergedTree::detachChildren(int node, int byLayer, Removal how, const QString &path)
{
    for (const int c : children(node))
        remove(c, byLayer, how, path + QLatin1Char('/') + m_names[m_nodes[c].name]);
}

void MergedTree::put(const FileEntry &e, int layer)
{
    const qsizetype slash = e.path.lastIndexOf(QLatin1Char('/'));
    const int parent = slash < 0 ? Root : ensureDir(e.path.left(slash), layer);
    const qint32 name = intern(e.path.mid(slash + 1));
    int node = -1;
    QList<qint16> shadows;
    if (const auto existing = child(parent, name)) {
        node = *existing;
        const Node &old = m_nodes[node];
        shadows = m_shadows.take(node);
        if (old.layer >= 0 && old.layer != layer)
            shadows.append(old.layer);
        if (old.kind == FileKind::Dir && e.kind != FileKind::Dir)
            detachChildren(node, layer, Removal::Replaced, e.path);
    } else {
        node = addChild(parent, name);
    }
    Node &n = m_nodes[node];
    n.kind = e.kind;
    n.mode = e.mode;
    n.size = e.size;
    n.layer = qint16(layer);
    if (!shadows.isEmpty())
        m_shadows.insert(node, shadows);
    if (e.linkTarget.isEmpty())
        m_links.remove(node);
    else
        m_links.insert(node, e.linkTarget);
}

int MergedTree::ensureDir(const QString &path, int layer)
{
    int node = Root;
    for (const auto &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const qint32 name = intern(part);
        const auto existing = child(node, name);
        if (existing && m_nodes[*existing].kind == FileKind::Dir) {
            node = *existing;
            continue;
        }
        // A layer that adds below a path it does not list implies the directory; over a lower
        // non-directory, the implied directory replaces it as a real one would.
        if (existing)
            remove(*existing, layer, Removal::Replaced, pathOf(*existing));
        node = addChild(node, name);
        m_nodes[node].mode = 0755;
    }
    return node;
}

std::optional<int> MergedTree::child(int parent, qint32 name) const
{
    const auto it = m_childIndex.constFind(childKey(parent, name));
    if (it == m_childIndex.constEnd())
        return std::nullopt;
    return *it;
}

int MergedTree::addChild(int parent, qint32 name)
{
    const int node = int(m_nodes.size());
    Node n;
    n.parent = parent;
    n.name = name;
    n.nextSibling = m_nodes[parent].firstChild;
    m_nodes.append(n);
    m_nodes[parent].firstChild = node;
    m_childIndex.insert(childKey(parent, name), node);
    return node;
}

void MergedTree::unlink(int node)
{
    Node &n = m_nodes[node];
    m_childIndex.remove(childKey(n.parent, n.name));
    qint32 *link = &m_nodes[n.parent].firstChild;
    while (*link != node)
        link = &m_nodes[*link].nextSibling;
    *link = n.nextSibling;
    n.nextSibling = -1;
}

void MergedTree::collect(int node, qint64 &bytes, QList<qint16> &layers) const
{
    const Node &n = m_nodes[node];
    if (n.kind == FileKind::File)
        bytes += n.size;
    if (n.layer >= 0)
        layers.append(n.layer);
    layers.append(m_shadows.value(node));
    for (qint32 c = n.firstChild; c >= 0; c = m_nodes[c].nextSibling)
        collect(c, bytes, layers);
}

QList<int> MergedTree::children(int node) const
{
    QList<int> out;
    for (qint32 c = m_nodes[node].firstChild; c >= 0; c = m_nodes[c].nextSibling)
        out.append(c);
    std::sort(out.begin(), out.end(), [this](int a, int b) { return m_names[m_nodes[a].name] < m_names[m_nodes[b].name]; });
    return out;
}

std::optional<int> MergedTree::find(const QString &path) const
{
    int node = Root;
    for (const auto &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const auto id = m_nameIds.constFind(part);
        if (id == m_nameIds.constEnd())
            return std::nullopt;
        const auto next = child(node, *id);
        if (!next)
            return std::nullopt;
        node = *next;
    }
    return node;
}

QString MergedTree::pathOf(int node) const
{
    QStringList parts;
    for (int n = node; n > Root; n = m_nodes[n].parent)
        parts.prepend(m_names[m_nodes[n].name]);
    return parts.join(QLatin1Char('/'));
}

MergedTree::Visible MergedTree::visible(int node) const
{
    const Node &n = m_nodes[node];
    return Visible{pathOf(node), n.kind, n.mode, n.size, n.layer, m_shadows.value(node), m_links.value(node)};
}

QList<MergedTree::Visible> MergedTree::flatten() const
{
    QList<Visible> out;
    QList<int> stack = children(Root);
    std::reverse(stack.begin(), stack.end());
    while (!stack.isEmpty()) {
        const int node = stack.takeLast();
        out.append(visible(node));
        QList<int> below = children(node);
        std::reverse(below.begin(), below.end());
        stack.append(below);
    }
    return out;
}

qint32 MergedTree::intern(const QString &name)
{
    const auto it = m_nameIds.constFind(name);
    if (it != m_nameIds.constEnd())
        return *it;
    const qint32 id = qint32(m_names.size());
    m_names.append(name);
    m_nameIds.insert(name, id);
    return id;
}

void MergedTree::summarise()
{
    Summary s;
    QList<int> stack{Root};
    while (!stack.isEmpty()) {
        const int node = stack.takeLast();
        for (qint32 c = m_nodes[node].firstChild; c >= 0; c = m_nodes[c].nextSibling) {
            const Node &n = m_nodes[c];
            if (n.kind == FileKind::Dir) {
                ++s.dirs;
                stack.append(c);
            } else {
                ++s.files;
                if (n.kind == FileKind::File)
                    s.bytes += n.size;
            }
        }
    }
    s.wastedBytes = m_versionBytes - s.bytes;
    qint64 smallest = 0;
    qint64 all = 0;
    for (const auto &[cumulative, minimum] : std::as_const(m_versions)) {
        all += cumulative;
        smallest += minimum;
    }
    s.efficiency = all == 0 ? 1.0 : double(smallest) / double(all);
    m_summary = s;
    m_versions = {};
}

} // namespace strata
