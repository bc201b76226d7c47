#pragma once

#include "core/result.h"
#include "pull/pulledimage.h"
#include "pull/pullevent.h"
#include "pull/pulloptions.h"

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Client;
class RegistryClient;
struct ImageReference;
struct RemoteObject;

// A pull as containerd 1.6's Go client does it, since that containerd has no transfer
// service: resolve the reference, put the index, the chosen manifest(s), the config and the
// layers into the content store with the labels that keep them from the garbage collector, unpack
// each layer as soon as it and its parents are in (while later layers still download), then
// create or update the image record. All of it under a lease; a cancelled or failed pull
// creates no record and leaves no half-made snapshot. Blocks; run it off the GUI thread.
class ImagePuller
{
public:
    // Called from several threads, one call at a time.
    using Progress = std::function<void(const PullEvent &event)>;

    ImagePuller(std::shared_ptr<const Client> client, PullOptions options);

    Result<PulledImage> pull(const std::atomic_bool *cancel, const Progress &progress) const;

private:
    struct Plan;
    Result<PulledImage> pullUnder(const ImageReference &ref, const RemoteObject &root, RegistryClient &registry,
                                  const QString &lease, const std::atomic_bool *cancel, const Progress &progress) const;
    Status planManifest(Plan &plan, RegistryClient &registry, const RemoteObject &manifest, bool chosen,
                        const Progress &progress) const;
    Status planIndex(Plan &plan, RegistryClient &registry, const RemoteObject &index, const Progress &progress) const;
    Result<QList<PulledImage::Layer>> fetchAndUnpack(Plan &plan, const ImageReference &ref, const QString &lease,
                                                     const std::atomic_bool *cancel, const Progress &progress) const;

    std::shared_ptr<const Client> m_client;
    PullOptions m_options;
};

} // namespace strata
