#include "mountscommand.h"

#include "context.h"

#include "client/snapshotsservice.h"
#include "snapshots/mountparser.h"

namespace strata::ctl {

int MountsCommand::run(Context &context, const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return context.usage(QStringLiteral("mounts takes one snapshot KEY"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    const QString key = parser.positionalArguments().constFirst();
    SnapshotsService snapshots(*client, context.snapshotter());
    auto mounts = snapshots.mounts(key);
    if (!mounts) {
        // Committed snapshots have no mounts; say so instead of containerd's terse wording.
        auto info = snapshots.stat(key);
        if (info && info->kind == SnapshotKind::Committed)
            return context.fail({Error::FailedPrecondition,
                                 QStringLiteral("%1 is a committed snapshot and has no mounts; "
                                                "use 'stratactl folders' to see its folder").arg(key)});
        return context.fail(mounts.error());
    }
    context.out() << MountParser::toCtrJson(*mounts);
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
