#pragma once

#include "layers/layeredit.h"
#include "layers/layerstack.h"
#include "layers/layervalidator.h"
#include "layers/layerviolation.h"

#include <QAbstractListModel>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace strata {

// The rows of a layerFolders list (or lowerdir + upperdir), checked against a snapshot store
// after every change. Drops (atlas snapshots, plain-text paths, rows dragged within the list),
// removals and moves become LayerEdits: with an edit handler installed (the editor's undo
// stack) they go there and come back through apply(); without one they apply at once.
class LayerFoldersModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // Rows dragged within one list: {"model": id, "rows": [...]}.
    static inline const QString RowsMimeType = QStringLiteral("application/x-strata-layer-rows");

    enum class RowState { Unchecked, Ok, Violation };
    Q_ENUM(RowState)

    enum Role {
        FolderRole = Qt::UserRole + 1, // the path as written
        FolderNameRole, // "25"
        KeyRole,        // snapshot key; empty when the store does not know the folder
        KindRole,       // int(SnapshotKind)
        StateRole,      // int(RowState)
        RulesRole,      // QStringList: ids of the rules this row breaks
        ProblemsRole,   // QStringList: "problem fix" per broken rule
    };

    explicit LayerFoldersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    // Inserts before `row`; on an item (row -1, valid parent) before that item; else appends.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count, const QModelIndex &destinationParent,
                  int destinationChild) override;

    // The store rows are checked against; until one is set every row is Unchecked.
    void setStore(const QList<SnapshotFolder> &folders);
    void clearStore();
    bool hasStore() const { return m_hasStore; }
    const SnapshotStore &store() const { return m_validator.store(); }
    const LayerValidator &validator() const { return m_validator; }

    LayerStack stack() const { return m_stack; }
    QStringList folders() const { return m_stack.folders(); }
    // Empty without a store.
    const QList<LayerViolation> &violations() const { return m_violations; }
    bool isValid() const { return m_hasStore && m_violations.isEmpty(); }
    // The Active snapshot the stack ends with, or the last Active one listed; empty if none.
    QString scratchKey() const;

    // Edits as a user makes them: through the handler when there is one.
    void setEditHandler(std::function<void(const LayerEdit &)> handler);
    bool submit(const LayerEdit &edit);
    bool insertFolders(int row, const QStringList &folders);
    bool removeRowList(const QList<int> &rows);
    bool moveRowsTo(const QList<int> &rows, int destination);
    bool shiftRows(const QList<int> &rows, int delta);
    // The same rows in the valid order; false when reordering alone cannot make it valid.
    bool fixOrder();
    bool fillFromScratch(const QString &scratchKey);
    std::optional<LayerStack> fixedStack() const;

    // Applies an edit directly and returns the edit that undoes it.
    LayerEdit apply(const LayerEdit &edit);
    // Starts over (opening a document): not an edit, nothing to undo.
    void resetFolders(const QStringList &folders);

Q_SIGNALS:
    // After every change of rows or store, once the rows' states are up to date.
    void validated();

private:
    void syncRows();
    void revalidate();
    QStringList foldersFor(const QMimeData *data) const;
    QList<int> rowsFor(const QMimeData *data) const;

    LayerStack m_stack;
    LayerStack m_resolved;
    LayerValidator m_validator;
    bool m_hasStore = false;
    QList<LayerViolation> m_violations;
    QList<QList<int>> m_rowViolations; // per row: indexes into m_violations
    std::function<void(const LayerEdit &)> m_editHandler;
};

} // namespace strata
