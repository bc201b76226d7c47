#pragma once

#include "core/result.h"
#include "layers/layerstack.h"
#include "layers/layerviolation.h"
#include "layers/snapshotstore.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace strata {

// Checks a layer stack against the snapshots that really exist. hcsshim takes any list and a
// wrong one only fails later, opaquely, inside HCS; this says which row is wrong and why.
// Host-independent: Windows and overlayfs folders are judged by the same rule.
class LayerValidator
{
public:
    explicit LayerValidator(QList<SnapshotFolder> folders);
    explicit LayerValidator(SnapshotStore store);

    const SnapshotStore &store() const { return m_store; }

    // Every broken rule, in a stable order (by rule, then row). Empty means valid.
    QList<LayerViolation> validate(const LayerStack &stack) const;

    // The valid stack for a scratch: its parents nearest first (parentLayerPaths order), then
    // the scratch itself, as the store spells the paths.
    Result<QStringList> fixedOrder(const QString &scratchKey) const;

    // When the stack holds exactly the scratch and its parents, in any order and with no
    // duplicates, the same rows in the valid order (the "Fix order" button). Otherwise nullopt:
    // reordering alone cannot fix it.
    std::optional<LayerStack> reordered(const LayerStack &stack) const;

private:
    SnapshotStore m_store;
};

} // namespace strata
