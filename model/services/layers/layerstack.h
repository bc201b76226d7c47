#pragma once

#include "core/result.h"
#include "layers/layerentry.h"
#include "types/mount.h"

#include <QList>
#include <QStringList>

namespace strata {

class SnapshotStore;

// The ordered folders a container is built from: Windows `layerFolders`, or overlayfs
// `lowerdir` followed by `upperdir`. The rule for both: nearest parent first, base next to
// last, the writable scratch last.
class LayerStack
{
public:
    LayerStack() = default;
    explicit LayerStack(QList<LayerEntry> entries);

    static LayerStack fromFolders(const QStringList &folders);

    // A snapshot mount as Snapshots.Mounts returns it: `windows-layer` (parentLayerPaths, then
    // Source), `overlay` (lowerdir, then upperdir) or a single-layer `bind`.
    static Result<LayerStack> fromMount(const Mount &mount);

    const QList<LayerEntry> &entries() const { return m_entries; }
    QStringList folders() const;
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    const LayerEntry &at(qsizetype row) const { return m_entries.at(row); }

    void append(const QString &folder);
    void insert(qsizetype row, const QString &folder);
    void remove(qsizetype row);
    void move(qsizetype from, qsizetype to);

    // A copy with key and kind filled in for every folder the store knows (cleared otherwise).
    LayerStack resolved(const SnapshotStore &store) const;

    bool operator==(const LayerStack &) const = default;

private:
    QList<LayerEntry> m_entries;
};

} // namespace strata
