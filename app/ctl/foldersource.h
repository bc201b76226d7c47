#pragma once

#include "core/result.h"
#include "types/snapshotfolder.h"

#include <QCommandLineParser>
#include <QList>

namespace strata::ctl {

class Context;

// The `--db auto|PATH|off` option every folder-showing command shares: auto reads the
// snapshotter's metadata.db when containerd runs on this host and it is readable (else the API,
// and when containerd does not answer, the default root offline); off always asks the API;
// PATH reads a containerd root or database offline.
class FolderSource
{
public:
    static void addOptions(QCommandLineParser &parser);
    static Result<QList<SnapshotFolder>> load(Context &context, const QCommandLineParser &parser);
};

} // namespace strata::ctl
