#pragma once

#include "core/result.h"
#include "oci/imagelayer.h"
#include "oci/imageresolver.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Client;

// Unpacks an image's layers from the content store into a snapshotter as containerd's own
// unpacker does: per layer not yet committed, Prepare under an `extract-` key, Diff.Apply the
// blob, check the diffID, Commit to the chainID; then the labels that keep the chain alive
// (`containerd.io/uncompressed` on each blob, `containerd.io/gc.ref.snapshot.<snapshotter>` on
// the config). All of it under a lease removed at the end, so an interrupted unpack leaves
// nothing the garbage collector will not take.
class ImageUnpacker
{
public:
    struct Layer
    {
        ImageLayer layer;
        bool alreadyPresent = false;
    };
    // Called on the unpacking thread before a missing layer is extracted (`done` false) and
    // after each layer is committed or found present (`done` true).
    using Progress = std::function<void(const ImageLayer &layer, bool done)>;

    ImageUnpacker(std::shared_ptr<const Client> client, QString snapshotter);

    // Refuses before preparing anything when a layer's blob is not in the content store.
    // `cancel` is looked at between layers: Error::Cancelled, and the layer being extracted is
    // removed.
    Result<QList<Layer>> unpack(const ResolvedImage &image, const std::atomic_bool *cancel = nullptr,
                                const Progress &progress = {}) const;

    // One layer on top of `parent` (a committed chainID, empty for the base), under `lease`:
    // true when it was extracted here, false when its chainID was committed already. For a
    // caller that unpacks layers as they arrive (a pull).
    Result<bool> unpackLayer(const ImageLayer &layer, const QString &parent, const QString &lease,
                             const Progress &progress) const;
    // The label on the config that keeps the image's chain from the garbage collector.
    Status labelConfig(const QString &configDigest, const QString &topChainId) const;

private:
    Status checkBlobs(const ResolvedImage &image) const;

    std::shared_ptr<const Client> m_client;
    QString m_snapshotter;
};

} // namespace strata
