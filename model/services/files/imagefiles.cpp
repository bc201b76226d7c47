#include "files/imagefiles.h"

#include "client/contentreader.h"
#include "files/tarchanges.h"

namespace strata {

Result<LayerChanges> ImageFiles::layer(const std::shared_ptr<const Client> &client, const ImageLayer &layer,
                                       const std::atomic_bool *cancel)
{
    ContentReader reader(client, layer.digest);
    auto changes = TarChanges::read([&reader] { return reader.next(); }, cancel);
    if (!changes)
        return Error{changes.error().code,
                     QStringLiteral("layer %1 (%2): %3").arg(layer.position + 1).arg(layer.digest, changes.error().message)};
    return changes;
}

Result<QList<LayerChanges>> ImageFiles::layers(const std::shared_ptr<const Client> &client, const ResolvedImage &image,
                                               const std::atomic_bool *cancel)
{
    QList<LayerChanges> out;
    out.reserve(image.layers.size());
    for (const ImageLayer &l : image.layers) {
        auto changes = layer(client, l, cancel);
        if (!changes)
            return changes.error();
        out << *changes;
    }
    return out;
}

} // namespace strata
