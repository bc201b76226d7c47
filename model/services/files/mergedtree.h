#pragma once

#include "files/fileentry.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// What a container sees when layers are stacked in a given order (base first, as an image's
// rootfs lists them; a `layerFolders` or `lowerdir` list is passed reversed): for every visible
// path, the layer that supplies it and the earlier layers whose versions it shadows; every path
// a later layer removed (by a whiteout, an opaque directory, or a non-directory replacing a
// directory) and by which layer; the bytes wasted on versions nobody sees.
//
// Nodes are small and names are interned, so a tree costs tens of bytes per entry; children are
// listed on demand, so a view can open 100,000 entries lazily.
class MergedTree
{
public:
    enum class Removal : quint8 { Whiteout, Opaque, Replaced };

    struct Removed
    {
        QString path;
        int byLayer = -1;
        Removal how = Removal::Whiteout;
        qint64 bytes = 0;           // of the files that went
        QList<qint16> fromLayers;   // the layers whose versions went, ascending
    };

    struct Visible
    {
        QString path;
        FileKind kind = FileKind::File;
        quint32 mode = 0;
        qint64 size = 0;
        int layer = -1; // 0-based, base first; -1 for a directory no layer names (implied)
        QList<qint16> shadows;
        QString linkTarget;
    };

    struct Summary
    {
        qint64 files = 0; // visible non-directories
        qint64 dirs = 0;
        qint64 bytes = 0; // visible file bytes
        qint64 wastedBytes = 0; // bytes of versions a later layer overwrote or removed
        double efficiency = 1.0; // dive's score: smallest version of each path over all versions
    };

    static MergedTree build(const QList<LayerChanges> &layers);

    static constexpr int Root = 0;
    int layerCount() const { return m_layerCount; }
    QList<int> children(int node) const; // sorted by name
    std::optional<int> find(const QString &path) const;
    Visible visible(int node) const;
    QList<Visible> flatten() const; // every visible path below the root, depth first, sorted
    const QList<Removed> &removed() const { return m_removed; }
    const Summary &summary() const { return m_summary; }

private:
    struct Node
    {
        qint32 parent = -1;
        qint32 firstChild = -1;
        qint32 nextSibling = -1;
        qint32 name = 0;
        qint64 size = 0;
        quint32 mode = 0;
        qint16 layer = -1;
        FileKind kind = FileKind::Dir;
    };

    MergedTree();
    void apply(const LayerChanges &changes, int layer);
    void remove(int node, int byLayer, Removal how, const QString &path);
    void detachChildren(int node, int byLayer, Removal how, const QString &path);
    void put(const FileEntry &entry, int layer);
    int ensureDir(const QString &path, int layer);
    std::optional<int> child(int parent, qint32 name) const;
    int addChild(int parent, qint32 name);
    void unlink(int node);
    void collect(int node, qint64 &bytes, QList<qint16> &layers) const;
    QString pathOf(int node) const;
    qint32 intern(const QString &name);
    void addVersion(const QString &path, qint64 bytes);
    void summarise();

    QList<Node> m_nodes;
    QStringList m_names;
    QHash<QString, qint32> m_nameIds;
    QHash<quint64, qint32> m_childIndex;  // (parent, name) -> node
    QHash<qint32, QList<qint16>> m_shadows;
    QHash<qint32, QString> m_links;
    QList<Removed> m_removed;
    Summary m_summary;
    // While building: per path, the bytes of all its versions and of its smallest one (dive's
    // efficiency inputs); a whiteout counts as a version the size of what it removed.
    QHash<QString, std::pair<qint64, qint64>> m_versions;
    qint64 m_versionBytes = 0;
    int m_layerCount = 0;
};

} // namespace strata
