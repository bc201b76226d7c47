#include "oci/imagelayer.h"

#include "oci/chainid.h"

namespace strata {

Result<QList<ImageLayer>> ImageLayer::fromImage(const Manifest &manifest, const ImageConfig &config)
{
    if (manifest.layers.size() != config.diffIds.size())
        return Error{Error::Corrupt,
                     QStringLiteral("the manifest lists %1 layers but the config has %2 diff IDs")
                         .arg(manifest.layers.size())
                         .arg(config.diffIds.size())};
    auto chainIds = ChainId::fromDiffIds(config.diffIds);
    if (!chainIds)
        return chainIds.error();
    QList<ImageLayer> out;
    for (int i = 0; i < manifest.layers.size(); ++i) {
        const Descriptor &blob = manifest.layers[i];
        out.append(ImageLayer{i, blob.digest, config.diffIds[i], chainIds->at(i), blob.size, blob.mediaType});
    }
    return out;
}

} // namespace strata
