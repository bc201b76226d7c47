#pragma once

#include "atlas/atlascontents.h"
#include "atlas/atlasnode.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QMultiHash>
#include <QStringList>

#include <memory>

namespace strata {

// The store as a tree with two branches. "Images": each image, its layers base to top and the
// active/view snapshots prepared on its top layer. "Snapshots": the parent forest, as
// `ctr snapshots tree` draws it. Every change arrives as row inserts, moves, removals and
// dataChanged, never as a reset, so selection and expansion survive events and refreshes.
// Children are kept ordered by key (layers by position); the proxy sorts for display.
class AtlasModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    explicit AtlasModel(QObject *parent = nullptr);
    ~AtlasModel() override;

    // Merges a full load: what is gone is removed, what is new inserted, the rest updated.
    void setContents(const AtlasContents &contents);
    void upsertSnapshot(const AtlasSnapshot &snapshot);
    void removeSnapshot(const QString &key);
    void upsertImage(const AtlasImage &image);
    void removeImage(const QString &name);
    // Empties both branches (another namespace or snapshotter), row by row.
    void clear();

    QString snapshotter() const { return m_snapshotter; }
    const AtlasSnapshot *snapshot(const QString &key) const;
    const AtlasImage *image(const QString &name) const;
    QStringList childKeys(const QString &key) const;
    QStringList usedBy(const QString &key) const { return m_usedBy.value(key); }
    int snapshotCount() const { return int(m_snapshots.size()); }
    int imageCount() const { return int(m_images.size()); }

    QModelIndex imagesIndex() const;
    QModelIndex snapshotsIndex() const;
    QModelIndex indexOfSnapshot(const QString &key, int column = 0) const; // in the Snapshots branch
    QModelIndex indexOfImage(const QString &name, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    AtlasNode *node(const QModelIndex &index) const;
    QModelIndex indexOf(const AtlasNode *node, int column = 0) const;

    void insertNode(AtlasNode *parent, int row, std::unique_ptr<AtlasNode> node);
    void removeNode(AtlasNode *node);
    void moveNode(AtlasNode *node, AtlasNode *newParent, int row);
    void registerTree(AtlasNode *node);
    void unregisterTree(AtlasNode *node);

    void fillSnapshots(const QList<AtlasSnapshot> &snapshots);
    void insertSnapshot(const AtlasSnapshot &snapshot);
    std::unique_ptr<AtlasNode> imageTree(const AtlasImage &image) const;
    std::unique_ptr<AtlasNode> topSnapshotNode(const QString &key, const QString &imageName) const;
    void setUsedBy(const AtlasImage &image, bool add);
    void snapshotChanged(const QString &key);
    void rowChanged(const AtlasNode *node);
    int depth(const QString &key) const;

    QVariant nodeData(const AtlasNode *node, int column, int role) const;

    AtlasNode m_root;
    AtlasNode *m_imagesBranch;
    AtlasNode *m_snapshotsBranch;
    QString m_snapshotter;
    QHash<QString, AtlasSnapshot> m_snapshots;
    QHash<QString, AtlasImage> m_images;
    QHash<QString, AtlasNode *> m_snapshotNodes; // key -> its row in the Snapshots branch
    QHash<QString, AtlasNode *> m_imageNodes;
    QMultiHash<QString, AtlasNode *> m_refs;     // key -> its rows in the Images branch
    QHash<QString, QStringList> m_usedBy;        // key -> images whose layers include it
};

} // namespace strata
