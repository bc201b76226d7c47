#pragma once

#include "core/result.h"
#include "oci/imageconfig.h"
#include "oci/manifest.h"

#include <QList>
#include <QString>

namespace strata {

// One layer of an image as the unpacker and the layer views need it: the compressed blob to
// read, the uncompressed digest Diff.Apply must return, and the snapshot key to commit.
struct ImageLayer
{
    int position = 0;  // 0 is the base layer
    QString digest;    // compressed blob, from the manifest
    QString diffId;    // uncompressed, from the config
    QString chainId;   // the committed snapshot's key
    qint64 size = 0;   // compressed blob size
    QString mediaType; // the blob's media type

    // Base to top. The manifest's layers and the config's diff_ids must pair up one to one.
    static Result<QList<ImageLayer>> fromImage(const Manifest &manifest, const ImageConfig &config);

    bool operator==(const ImageLayer &) const = default;
};

} // namespace strata
