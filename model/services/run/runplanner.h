#pragma once

#include "core/result.h"
#include "layers/layerstack.h"
#include "oci/configdocument.h"
#include "run/runrequest.h"
#include "types/mount.h"

#include <QList>

namespace strata {

// The pure half of a run: which spec and which rootfs a request turns into. No I/O except
// reading a config.json, so the rules are testable without a containerd.
class RunPlanner
{
public:
    // Linux overlay rootfs of a stack: lowerdir = every row but the last, in order (nearest
    // parent first), upperdir = the last row (the scratch), workdir = the scratch's sibling
    // `work` (overlayfs snapshotter layout: N/fs and N/work).
    static Result<Mount> overlayRootfs(const LayerStack &stack);

    // The spec of an Image or Stack run: ctr run's default Linux spec with the image's process
    // settings (when known), the request's args/env and terminal flag.
    static Result<ConfigDocument> linuxSpec(const RunRequest &request, const QString &ns, const LayerStack &layers);

    // A Config run's document: the file as written, with the terminal flag of the request.
    static Result<ConfigDocument> configSpec(const RunRequest &request);

    // The rootfs mounts a Config run sends: none for the Windows form (windows.layerFolders
    // carries the layers and hcsshim refuses both), the overlay of its stack on Linux.
    static Result<QList<Mount>> configRootfs(const ConfigDocument &config);

    static void setTerminal(ConfigDocument &spec, bool terminal);
};

} // namespace strata
