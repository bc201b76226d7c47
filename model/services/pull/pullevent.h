#pragma once

#include <QString>

namespace strata {

// One step of a pull for one blob, as the progress views show it.
struct PullEvent
{
    enum class Stage {
        Resolving,      // asking the registry what the reference names
        Waiting,        // queued behind other downloads
        Downloading,    // `offset` of `total` bytes in the content store
        Verifying,      // the store is checking size and digest
        Stored,         // committed to the content store
        AlreadyPresent, // the content store had it, or the layer's snapshot already exists
        Unpacking,      // Diff.Apply into a new snapshot
        Unpacked,       // committed as snapshot `chainId`
    };

    Stage stage = Stage::Waiting;
    QString kind;   // "image" (while resolving), "index", "manifest", "config", "layer"
    QString digest; // the blob's; the reference while resolving
    int layer = -1; // 0-based position in the chosen manifest's layers, or -1
    qint64 offset = 0;
    qint64 total = 0;
    QString chainId; // for layers

    static QString stageName(Stage stage);
};

} // namespace strata
