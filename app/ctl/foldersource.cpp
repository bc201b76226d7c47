#include "foldersource.h"

#include "context.h"

#include "snapshots/folderdiscovery.h"

namespace strata::ctl {

void FolderSource::addOptions(QCommandLineParser &)
{
}

Result<QList<SnapshotFolder>> FolderSource::load(Context &context, const QCommandLineParser &)
{
    auto client = context.client();
    if (!client)
        return client.error();
    return FolderDiscovery(*client, context.snapshotter()).discoverAll();
}

} // namespace strata::ctl
