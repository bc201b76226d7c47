#pragma once

#include "core/result.h"
#include "files/fileentry.h"
#include "oci/imageresolver.h"

#include <atomic>
#include <memory>

namespace strata {

class Client;

// What each layer of an image changes, read from containerd's content store (each blob
// streamed through TarChanges, never held whole), base first, ready for MergedTree::build.
class ImageFiles
{
public:
    static Result<LayerChanges> layer(const std::shared_ptr<const Client> &client, const ImageLayer &layer,
                                      const std::atomic_bool *cancel = nullptr);
    static Result<QList<LayerChanges>> layers(const std::shared_ptr<const Client> &client, const ResolvedImage &image,
                                              const std::atomic_bool *cancel = nullptr);
};

} // namespace strata
