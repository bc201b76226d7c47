#include "layers/layerfoldersmodel.h"

#include "layers/layerpath.h"
#include "layers/snapshotmime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

#include <algorithm>
#include <numeric>

namespace strata {

namespace {

QString plural(int n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString modelId(const QObject *model)
{
    return QString::number(reinterpret_cast<quintptr>(model), 16);
}

} // namespace

LayerFoldersModel::LayerFoldersModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_validator(SnapshotStore())
{
}

int LayerFoldersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stack.size());
}

QVariant LayerFoldersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const LayerEntry &entry = m_resolved.at(row);
    const QList<int> &broken = m_rowViolations.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case FolderRole:
        return entry.folder;
    case FolderNameRole:
        return LayerPath::folderName(entry.folder);
    case KeyRole:
        return entry.key;
    case KindRole:
        return int(entry.kind);
    case StateRole:
        return int(!m_hasStore ? RowState::Unchecked : broken.isEmpty() ? RowState::Ok : RowState::Violation);
    case RulesRole: {
        QStringList rules;
        for (int v : broken)
            rules << m_violations.at(v).rule;
        return rules;
    }
    case ProblemsRole: {
        QStringList problems;
        for (int v : broken)
            problems << m_violations.at(v).problem + QLatin1Char(' ') + m_violations.at(v).fix;
        return problems;
    }
    case Qt::ToolTipRole: {
        if (!m_hasStore)
            return tr("Not checked yet: no snapshot list is loaded.");
        if (!broken.isEmpty())
            return data(index, ProblemsRole).toStringList().join(QLatin1Char('\n'));
        const bool scratch = row == m_stack.size() - 1;
        return scratch ? tr("Scratch %1 (Active), last as it must be.").arg(entry.key)
                       : tr("Parent %1 (%2), in its place.").arg(entry.key, kindName(entry.kind));
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> LayerFoldersModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(FolderRole, "folder");
    names.insert(FolderNameRole, "folderName");
    names.insert(KeyRole, "key");
    names.insert(KindRole, "kind");
    names.insert(StateRole, "state");
    names.insert(RulesRole, "rules");
    names.insert(ProblemsRole, "problems");
    return names;
}

Qt::ItemFlags LayerFoldersModel::flags(const QModelIndex &index) const
{
    // Items refuse drops onto themselves, so views drop between rows.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList LayerFoldersModel::mimeTypes() const
{
    return {RowsMimeType, SnapshotMime::Type, QStringLiteral("text/plain"), QStringLiteral("text/uri-list")};
}

QMimeData *LayerFoldersModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this && !rows.contains(index.row()))
            rows << index.row();
    }
    std::sort(rows.begin(), rows.end());
    QList<SnapshotMime::Item> items;
    QJsonArray rowArray;
    for (int r : rows) {
        items << SnapshotMime::Item{{}, m_resolved.at(r).key, m_resolved.at(r).folder};
        rowArray << r;
    }
    QMimeData *data = SnapshotMime::toMimeData(items);
    data->setData(RowsMimeType, QJsonDocument(QJsonObject{{QStringLiteral("model"), modelId(this)},
                                                          {QStringLiteral("rows"), rowArray}})
                                    .toJson(QJsonDocument::Compact));
    return data;
}

Qt::DropActions LayerFoldersModel::supportedDropActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

Qt::DropActions LayerFoldersModel::supportedDragActions() const
{
    return Qt::CopyAction | Qt::MoveAction;
}

QList<int> LayerFoldersModel::rowsFor(const QMimeData *data) const
{
    if (!data || !data->hasFormat(RowsMimeType))
        return {};
    const QJsonObject o = QJsonDocument::fromJson(data->data(RowsMimeType)).object();
    if (o.value(QStringLiteral("model")).toString() != modelId(this))
        return {};
    QList<int> rows;
    for (const QJsonValue &v : o.value(QStringLiteral("rows")).toArray()) {
        const int r = v.toInt(-1);
        if (r < 0 || r >= m_stack.size())
            return {};
        rows << r;
    }
    return rows;
}

QStringList LayerFoldersModel::foldersFor(const QMimeData *data) const
{
    QStringList folders;
    for (const SnapshotMime::Item &item : SnapshotMime::fromMimeData(data)) {
        if (!item.path.isEmpty()) {
            folders << item.path;
        } else if (const SnapshotFolder *f = store().find(item.key); f && !f->path.isEmpty()) {
            // The atlas may not have learned a folder yet; the store the rules use may know it.
            folders << f->path;
        }
    }
    return folders;
}

bool LayerFoldersModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                        const QModelIndex &parent) const
{
    if (parent.isValid() && parent.model() != this)
        return false;
    if (action != Qt::CopyAction && action != Qt::MoveAction)
        return false;
    return !rowsFor(data).isEmpty() || !foldersFor(data).isEmpty();
}

bool LayerFoldersModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                     const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const int size = int(m_stack.size());
    const int at = row >= 0 ? std::min(row, size) : parent.isValid() ? parent.row() : size;
    const QList<int> rows = rowsFor(data);
    if (!rows.isEmpty())
        return submit(LayerEdit::moveTo(rows, at, size, rows.size() == 1 ? tr("Move layer") : tr("Move layers")));
    const QStringList folders = foldersFor(data);
    return submit(LayerEdit::insert(at, folders, tr("Add %1").arg(plural(int(folders.size()), tr("layer"), tr("layers")))));
}

bool LayerFoldersModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_stack.size())
        return false;
    return submit(LayerEdit::remove(row, count, count == 1 ? tr("Remove layer") : tr("Remove layers")));
}

bool LayerFoldersModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                 const QModelIndex &destinationParent, int destinationChild)
{
    const int size = int(m_stack.size());
    if (sourceParent.isValid() || destinationParent.isValid() || sourceRow < 0 || count <= 0
        || sourceRow + count > size || destinationChild < 0 || destinationChild > size)
        return false;
    QList<int> rows;
    for (int r = sourceRow; r < sourceRow + count; ++r)
        rows << r;
    submit(LayerEdit::moveTo(rows, destinationChild, size, count == 1 ? tr("Move layer") : tr("Move layers")));
    return true;
}

void LayerFoldersModel::setStore(const QList<SnapshotFolder> &folders)
{
    m_validator = LayerValidator(folders);
    m_hasStore = true;
    revalidate();
}

void LayerFoldersModel::clearStore()
{
    m_validator = LayerValidator(SnapshotStore());
    m_hasStore = false;
    revalidate();
}

QString LayerFoldersModel::scratchKey() const
{
    for (qsizetype r = m_resolved.size() - 1; r >= 0; --r) {
        if (m_resolved.at(r).kind == SnapshotKind::Active)
            return m_resolved.at(r).key;
    }
    return {};
}

void LayerFoldersModel::setEditHandler(std::function<void(const LayerEdit &)> handler)
{
    m_editHandler = std::move(handler);
}

bool LayerFoldersModel::submit(const LayerEdit &edit)
{
    if (edit.isNoOp())
        return false;
    if (m_editHandler)
        m_editHandler(edit);
    else
        apply(edit);
    return true;
}

bool LayerFoldersModel::insertFolders(int row, const QStringList &folders)
{
    const int at = row < 0 ? int(m_stack.size()) : std::min(row, int(m_stack.size()));
    return submit(LayerEdit::insert(at, folders, tr("Add %1").arg(plural(int(folders.size()), tr("layer"), tr("layers")))));
}

bool LayerFoldersModel::removeRowList(const QList<int> &rows)
{
    QList<int> sorted = rows;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    if (sorted.isEmpty() || sorted.first() < 0 || sorted.last() >= m_stack.size())
        return false;
    // One edit per contiguous run, bottom-up so the rows above keep their numbers; an undo
    // stack groups them into one step.
    int end = int(sorted.size());
    while (end > 0) {
        int begin = end - 1;
        while (begin > 0 && sorted[begin - 1] == sorted[begin] - 1)
            --begin;
        removeRows(sorted[begin], end - begin);
        end = begin;
    }
    return true;
}

bool LayerFoldersModel::moveRowsTo(const QList<int> &rows, int destination)
{
    return submit(LayerEdit::moveTo(rows, destination, int(m_stack.size()), rows.size() == 1 ? tr("Move layer") : tr("Move layers")));
}

bool LayerFoldersModel::shiftRows(const QList<int> &rows, int delta)
{
    return submit(LayerEdit::shift(rows, delta, int(m_stack.size()), delta < 0 ? tr("Move up") : tr("Move down")));
}

std::optional<LayerStack> LayerFoldersModel::fixedStack() const
{
    if (!m_hasStore)
        return std::nullopt;
    return m_validator.reordered(m_stack);
}

bool LayerFoldersModel::fixOrder()
{
    const auto fixed = fixedStack();
    if (!fixed)
        return false;
    QList<int> order;
    QList<bool> used(m_stack.size(), false);
    for (const LayerEntry &e : fixed->entries()) {
        for (int r = 0; r < m_stack.size(); ++r) {
            if (!used[r] && m_stack.at(r).folder == e.folder) {
                used[r] = true;
                order << r;
                break;
            }
        }
    }
    if (order.size() != m_stack.size())
        return false;
    return submit(LayerEdit::permute(order, tr("Fix order")));
}

bool LayerFoldersModel::fillFromScratch(const QString &scratchKey)
{
    const auto folders = m_validator.fixedOrder(scratchKey);
    if (!folders)
        return false;
    if (*folders == m_stack.folders())
        return false;
    return submit(LayerEdit::replace(*folders, tr("Fill from %1").arg(scratchKey)));
}

LayerEdit LayerFoldersModel::apply(const LayerEdit &edit)
{
    const int size = int(m_stack.size());
    LayerEdit inverse;
    switch (edit.kind) {
    case LayerEdit::Kind::Insert: {
        const int at = std::clamp(edit.row, 0, size);
        if (edit.folders.isEmpty())
            return LayerEdit::insert(at, {}, edit.text);
        beginInsertRows({}, at, at + int(edit.folders.size()) - 1);
        for (int i = 0; i < edit.folders.size(); ++i)
            m_stack.insert(at + i, edit.folders.at(i));
        syncRows();
        endInsertRows();
        inverse = LayerEdit::remove(at, int(edit.folders.size()), edit.text);
        break;
    }
    case LayerEdit::Kind::Remove: {
        if (edit.row < 0 || edit.count <= 0 || edit.row + edit.count > size)
            return LayerEdit::remove(edit.row, 0, edit.text);
        QStringList removed;
        beginRemoveRows({}, edit.row, edit.row + edit.count - 1);
        for (int i = 0; i < edit.count; ++i) {
            removed << m_stack.at(edit.row).folder;
            m_stack.remove(edit.row);
        }
        syncRows();
        endRemoveRows();
        inverse = LayerEdit::insert(edit.row, removed, edit.text);
        break;
    }
    case LayerEdit::Kind::Permute: {
        QList<int> sorted = edit.order;
        std::sort(sorted.begin(), sorted.end());
        QList<int> identity(size);
        std::iota(identity.begin(), identity.end(), 0);
        if (sorted != identity)
            return LayerEdit::permute(identity, edit.text);
        QList<int> newRowOf(size);
        QList<LayerEntry> entries;
        for (int i = 0; i < size; ++i) {
            entries << m_stack.at(edit.order[i]);
            newRowOf[edit.order[i]] = i;
        }
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        for (const QModelIndex &old : before)
            after << index(newRowOf[old.row()], 0);
        m_stack = LayerStack(entries);
        syncRows();
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        inverse = LayerEdit::permute(newRowOf, edit.text);
        break;
    }
    case LayerEdit::Kind::Replace: {
        const QStringList old = m_stack.folders();
        beginResetModel();
        m_stack = LayerStack::fromFolders(edit.folders);
        syncRows();
        endResetModel();
        inverse = LayerEdit::replace(old, edit.text);
        break;
    }
    }
    revalidate();
    return inverse;
}

void LayerFoldersModel::resetFolders(const QStringList &folders)
{
    beginResetModel();
    m_stack = LayerStack::fromFolders(folders);
    syncRows();
    endResetModel();
    revalidate();
}

void LayerFoldersModel::syncRows()
{
    // Views read rows as soon as a change is announced, before the rules ran again.
    m_resolved = m_hasStore ? m_stack.resolved(store()) : m_stack;
    m_rowViolations = QList<QList<int>>(m_stack.size());
}

void LayerFoldersModel::revalidate()
{
    syncRows();
    m_violations = m_hasStore ? m_validator.validate(m_stack) : QList<LayerViolation>{};
    for (int v = 0; v < m_violations.size(); ++v) {
        for (int r : m_violations.at(v).rows) {
            if (r >= 0 && r < m_rowViolations.size() && !m_rowViolations[r].contains(v))
                m_rowViolations[r] << v;
        }
    }
    if (!m_stack.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(int(m_stack.size()) - 1),
                           {Qt::ToolTipRole, KeyRole, KindRole, StateRole, RulesRole, ProblemsRole});
    }
    Q_EMIT validated();
}

} // namespace strata
