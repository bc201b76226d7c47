#include "layers/layervalidator.h"

#include "layers/layerpath.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace strata {

namespace {

// What every rule needs to know about one stack, worked out once.
struct Analysis
{
    LayerStack stack;             // resolved against the store
    int scratchRow = -1;          // the Active entry taken as the scratch
    QString anchor;               // scratch key, or without a scratch the listed layer with the longest chain
    QStringList chain;            // the parents the stack should list, nearest first
    QSet<int> dropped;            // repeated rows, judged only by the duplicate rule
};

QString shortKey(const QString &key)
{
    static const QString sha = QStringLiteral("sha256:");
    return key.startsWith(sha) && key.size() > sha.size() + 12 ? key.left(sha.size() + 12) + QStringLiteral("…") : key;
}

QString describe(const LayerEntry &e)
{
    if (!e.resolved())
        return QStringLiteral("\"%1\"").arg(e.folder);
    return QStringLiteral("folder %1 (%2)").arg(LayerPath::folderName(e.folder), shortKey(e.key));
}

QString joinRows(const QList<int> &rows)
{
    QStringList parts;
    for (int r : rows)
        parts << QString::number(r + 1);
    return parts.join(QStringLiteral(", "));
}

QString folderNameOf(const SnapshotStore &store, const QString &key)
{
    const SnapshotFolder *f = store.find(key);
    return f && !f->path.isEmpty() ? LayerPath::folderName(f->path) : shortKey(key);
}

// "24, 23, 25": the order the fix sentences spell out.
QString validOrder(const SnapshotStore &store, const Analysis &a)
{
    QStringList names;
    for (const QString &k : a.chain)
        names << folderNameOf(store, k);
    if (a.scratchRow >= 0)
        names << LayerPath::folderName(a.stack.at(a.scratchRow).folder);
    return names.join(QStringLiteral(", "));
}

Analysis analyse(const SnapshotStore &store, const LayerStack &stack)
{
    Analysis a;
    a.stack = stack.resolved(store);
    const int n = int(a.stack.size());
    for (int r = n - 1; r >= 0 && a.scratchRow < 0; --r) {
        if (a.stack.at(r).kind == SnapshotKind::Active)
            a.scratchRow = r;
    }
    if (a.scratchRow >= 0) {
        a.anchor = a.stack.at(a.scratchRow).key;
        a.chain = store.parentKeys(a.anchor);
    } else {
        for (const LayerEntry &e : a.stack.entries()) {
            const QStringList parents = store.parentKeys(e.key);
            if (e.kind == SnapshotKind::Committed && (a.anchor.isEmpty() || parents.size() + 1 > a.chain.size())) {
                a.anchor = e.key;
                a.chain = QStringList{e.key} + parents;
            }
        }
    }
    return a;
}

void checkSize(const Analysis &a, const SnapshotStore &store, QList<LayerViolation> &out)
{
    const int n = int(a.stack.size());
    if (n >= 2)
        return;
    QList<int> rows;
    for (int r = 0; r < n; ++r)
        rows << r;
    const QString fix = a.scratchRow >= 0 && !a.chain.isEmpty()
        ? QStringLiteral("List the scratch's parents before it: %1.").arg(validOrder(store, a))
        : QStringLiteral("List the parent folders nearest first, then the scratch folder last.");
    out << LayerViolation{LayerViolation::TooFewLayers, rows,
                          QStringLiteral("The stack has %1 entr%2; it needs a scratch and at least one parent layer.")
                              .arg(n).arg(n == 1 ? QStringLiteral("y") : QStringLiteral("ies")),
                          fix};
}

void checkUnknown(const Analysis &a, const SnapshotStore &store, QList<LayerViolation> &out)
{
    const QString root = store.snapshotsDir();
    for (int r = 0; r < a.stack.size(); ++r) {
        const LayerEntry &e = a.stack.at(r);
        if (e.resolved())
            continue;
        QString problem;
        if (!root.isEmpty() && LayerPath::parentDir(e.folder) == root)
            problem = QStringLiteral("No snapshot uses folder %1.").arg(LayerPath::folderName(e.folder));
        else if (!root.isEmpty())
            problem = QStringLiteral("%1 is outside the snapshotter's folders (%2).").arg(describe(e), root);
        else
            problem = QStringLiteral("%1 is no snapshot folder this snapshotter knows.").arg(describe(e));
        out << LayerViolation{LayerViolation::UnknownFolder, {r}, problem,
                              QStringLiteral("Remove it, or replace it with a folder from the snapshot list.")};
    }
}

void checkScratch(const Analysis &a, const SnapshotStore &store, QList<LayerViolation> &out)
{
    const int last = int(a.stack.size()) - 1;
    if (last < 0 || a.scratchRow == last)
        return;
    if (a.scratchRow >= 0) {
        out << LayerViolation{LayerViolation::ScratchNotLast, {a.scratchRow, last},
                              QStringLiteral("The scratch, %1, is at row %2 but must be the last entry.")
                                  .arg(describe(a.stack.at(a.scratchRow))).arg(a.scratchRow + 1),
                              QStringLiteral("Move it to the end: %1.").arg(validOrder(store, a))};
        return;
    }
    const LayerEntry &e = a.stack.at(last);
    const QString what = !e.resolved() ? QStringLiteral("an unknown folder")
        : e.kind == SnapshotKind::View ? QStringLiteral("a read-only View")
                                       : QStringLiteral("a %1 layer").arg(kindName(e.kind));
    QString fix = QStringLiteral("Append the folder of an Active snapshot (the writable scratch).");
    if (!a.anchor.isEmpty()) {
        const QList<SnapshotFolder> candidates = store.activeChildren(a.anchor);
        fix = candidates.isEmpty()
            ? QStringLiteral("Prepare a scratch on %1 (ctr snapshots prepare --mounts <name> %1) and append its folder.").arg(a.anchor)
            : QStringLiteral("Append the scratch prepared on it, e.g. %1 (%2).").arg(candidates.first().path, candidates.first().key);
    }
    out << LayerViolation{LayerViolation::ScratchNotLast, {last},
                          QStringLiteral("No scratch: the last entry, %1, is %2, not an Active snapshot.").arg(describe(e), what),
                          fix};
}

void checkDuplicates(Analysis &a, QList<LayerViolation> &out)
{
    QHash<QString, QList<int>> rowsByKey;
    QStringList order;
    for (int r = 0; r < a.stack.size(); ++r) {
        const QString &key = a.stack.at(r).key;
        if (key.isEmpty())
            continue;
        if (!rowsByKey.contains(key))
            order << key;
        rowsByKey[key] << r;
    }
    for (const QString &key : order) {
        const QList<int> rows = rowsByKey.value(key);
        if (rows.size() < 2)
            continue;
        const int keep = rows.contains(a.scratchRow) ? a.scratchRow : rows.first();
        for (int r : rows) {
            if (r != keep)
                a.dropped.insert(r);
        }
        out << LayerViolation{LayerViolation::Duplicate, rows,
                              QStringLiteral("%1 is listed %2 times (rows %3).").arg(describe(a.stack.at(keep))).arg(rows.size()).arg(joinRows(rows)),
                              QStringLiteral("Keep it once, at row %1, and remove the other rows.").arg(keep + 1)};
    }
}

// Rows other than the scratch that name a known, unrepeated snapshot: the parents as listed.
// Without a scratch, a View in the last row was meant as one and is judged by that rule alone.
QList<int> parentRows(const Analysis &a)
{
    const int last = int(a.stack.size()) - 1;
    QList<int> rows;
    for (int r = 0; r <= last; ++r) {
        const LayerEntry &e = a.stack.at(r);
        const bool meantAsScratch = a.scratchRow < 0 && r == last && e.kind == SnapshotKind::View;
        if (r != a.scratchRow && e.resolved() && !a.dropped.contains(r) && !meantAsScratch)
            rows << r;
    }
    return rows;
}

void checkMembership(const Analysis &a, const SnapshotStore &store, QList<LayerViolation> &out)
{
    const QString owner = a.scratchRow >= 0 ? QStringLiteral("the scratch")
                                            : QStringLiteral("folder %1").arg(folderNameOf(store, a.anchor));
    const QString parents = a.chain.isEmpty() ? QStringLiteral("it has no parents")
                                              : QStringLiteral("the valid order is %1").arg(validOrder(store, a));
    QSet<QString> listed;
    for (int r : parentRows(a)) {
        const LayerEntry &e = a.stack.at(r);
        listed.insert(e.key);
        if (e.kind == SnapshotKind::Active) {
            out << LayerViolation{LayerViolation::ActiveAsParent, {r},
                                  QStringLiteral("%1 is an Active snapshot, used here as a parent.").arg(describe(e)),
                                  QStringLiteral("Remove it: parents are committed layers; commit it first if its content is needed.")};
        } else if (!a.chain.contains(e.key)) {
            out << LayerViolation{LayerViolation::ForeignLayer, {r},
                                  a.scratchRow >= 0 ? QStringLiteral("%1 is not a parent of the scratch.").arg(describe(e))
                                                    : QStringLiteral("%1 is not in the chain of %2.").arg(describe(e), folderNameOf(store, a.anchor)),
                                  QStringLiteral("Remove it; %1.").arg(parents)};
        }
    }
    const QList<int> at = a.scratchRow >= 0 ? QList<int>{a.scratchRow} : QList<int>{};
    for (const QString &key : a.chain) {
        if (listed.contains(key))
            continue;
        const SnapshotFolder *f = store.find(key);
        if (!f || f->path.isEmpty()) {
            out << LayerViolation{LayerViolation::MissingParent, at,
                                  QStringLiteral("Parent %1 of %2 has no known folder.").arg(shortKey(key), owner),
                                  QStringLiteral("Refresh the snapshot list; the store does not hold this parent's folder.")};
            continue;
        }
        out << LayerViolation{LayerViolation::MissingParent, at,
                              QStringLiteral("Parent folder %1 (%2) of %3 is missing.").arg(LayerPath::folderName(f->path), shortKey(key), owner),
                              QStringLiteral("Insert %1; %2.").arg(f->path, parents)};
    }
}

void checkOrder(const Analysis &a, const SnapshotStore &store, QList<LayerViolation> &out)
{
    QList<int> rows;
    QList<qsizetype> ranks;
    for (int r : parentRows(a)) {
        const qsizetype rank = a.chain.indexOf(a.stack.at(r).key);
        if (rank >= 0 && a.stack.at(r).kind != SnapshotKind::Active) {
            rows << r;
            ranks << rank;
        }
    }
    if (std::is_sorted(ranks.cbegin(), ranks.cend()))
        return;
    const bool baseFirst = ranks.size() == a.chain.size() && ranks.size() >= 2
        && std::is_sorted(ranks.crbegin(), ranks.crend());
    const QString problem = baseFirst
        ? QStringLiteral("The parent order looks base-first: the list names the nearest parent first, as the scratch's own mount does.")
        : QStringLiteral("The parents are out of order (rows %1).").arg(joinRows(rows));
    out << LayerViolation{LayerViolation::WrongOrder, rows, problem,
                          QStringLiteral("Reorder to %1: nearest parent first, base next to last, scratch last.").arg(validOrder(store, a))};
}

int ruleRank(const QString &rule)
{
    static const QStringList order{LayerViolation::TooFewLayers, LayerViolation::ScratchNotLast,
                                   LayerViolation::UnknownFolder, LayerViolation::Duplicate,
                                   LayerViolation::MissingParent, LayerViolation::ForeignLayer,
                                   LayerViolation::WrongOrder, LayerViolation::ActiveAsParent};
    return int(order.indexOf(rule));
}

} // namespace

LayerValidator::LayerValidator(QList<SnapshotFolder> folders) : m_store(std::move(folders)) {}

LayerValidator::LayerValidator(SnapshotStore store) : m_store(std::move(store)) {}

QList<LayerViolation> LayerValidator::validate(const LayerStack &stack) const
{
    Analysis a = analyse(m_store, stack);
    QList<LayerViolation> out;
    checkSize(a, m_store, out);
    checkUnknown(a, m_store, out);
    checkScratch(a, m_store, out);
    checkDuplicates(a, out);
    if (!a.anchor.isEmpty()) {
        checkMembership(a, m_store, out);
        checkOrder(a, m_store, out);
    }
    for (LayerViolation &v : out)
        v.problem = v.problem.left(1).toUpper() + v.problem.mid(1);
    std::stable_sort(out.begin(), out.end(), [](const LayerViolation &l, const LayerViolation &r) {
        const int lr = ruleRank(l.rule), rr = ruleRank(r.rule);
        if (lr != rr)
            return lr < rr;
        return l.rows.value(0, -1) < r.rows.value(0, -1);
    });
    return out;
}

Result<QStringList> LayerValidator::fixedOrder(const QString &scratchKey) const
{
    const SnapshotFolder *scratch = m_store.find(scratchKey);
    if (!scratch)
        return Error{Error::NotFound, QStringLiteral("no snapshot \"%1\"; stratactl snapshots lists the keys").arg(scratchKey)};
    if (scratch->kind != SnapshotKind::Active)
        return Error{Error::FailedPrecondition,
                     QStringLiteral("\"%1\" is a %2 snapshot, not a scratch (Active); prepare one on it with "
                                    "ctr snapshots prepare NEW-KEY %1, then use NEW-KEY")
                         .arg(scratchKey, kindName(scratch->kind))};
    QStringList folders;
    for (const QString &key : m_store.parentKeys(scratchKey) + QStringList{scratchKey}) {
        const SnapshotFolder *f = m_store.find(key);
        if (!f || f->path.isEmpty())
            return Error{Error::NotFound, QStringLiteral("the folder of snapshot \"%1\" is not known").arg(key)};
        folders << f->path;
    }
    return folders;
}

std::optional<LayerStack> LayerValidator::reordered(const LayerStack &stack) const
{
    const Analysis a = analyse(m_store, stack);
    if (a.scratchRow < 0 || a.stack.size() != a.chain.size() + 1)
        return std::nullopt;
    QList<LayerEntry> entries;
    for (const QString &key : a.chain) {
        const auto it = std::find_if(a.stack.entries().cbegin(), a.stack.entries().cend(),
                                     [&key](const LayerEntry &e) { return e.key == key; });
        if (it == a.stack.entries().cend())
            return std::nullopt;
        entries << *it;
    }
    entries << a.stack.at(a.scratchRow);
    return LayerStack(entries);
}

} // namespace strata
