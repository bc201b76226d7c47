#include "foldersource.h"

#include "context.h"
#include "signalwatcher.h"

#include "client/address.h"
#include "snapshots/folderlookup.h"

#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace strata::ctl {

namespace {

QString defaultRoot()
{
#ifdef Q_OS_WIN
    return QStringLiteral("C:/ProgramData/containerd/root");
#else
    return QStringLiteral("/var/lib/containerd");
#endif
}

bool isDefaultAddress(const QString &address)
{
    const auto given = Address::parse(address);
    const auto platform = Address::parse(Address::platformDefault());
    return given && platform && *given == *platform;
}

} // namespace

void FolderSource::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("where folder numbers come from: auto (the snapshotter's metadata.db when "
                                     "readable, else the API), off (the API only), or a containerd root / "
                                     "meta.db / metadata.db to read offline"),
                      QStringLiteral("auto|PATH|off"), QStringLiteral("auto")});
}

Result<QList<SnapshotFolder>> FolderSource::load(Context &context, const QCommandLineParser &parser)
{
    const QString db = parser.value(QStringLiteral("db"));
    if (db != QLatin1String("auto") && db != QLatin1String("off")) {
        auto offline = FolderLookup::offline(db, context.snapshotter(), context.ns());
        if (!offline)
            return offline.error();
        return offline->folders;
    }
    auto client = context.client();
    if (!client)
        return client.error();
    const auto mode = db == QLatin1String("off") ? FolderLookup::Mode::Api : FolderLookup::Mode::Auto;
    // Ctrl+C or SIGTERM during the API's temporary views: they and their lease are removed
    // before the command exits, instead of showing in listings until the lease expires.
    std::atomic_bool cancel = false;
    const SignalWatcher::Scope onSignal([&cancel](int signal) {
        if (signal != SIGWINCH)
            cancel = true;
    });
    auto live = FolderLookup::live(*client, context.snapshotter(), mode, &cancel);
    if (live)
        return live->folders;
    // A stopped daemon on this host: its store can still be read.
    if (mode == FolderLookup::Mode::Api || !live.error().is(Error::Unavailable) || !isDefaultAddress(context.address())
        || !QFileInfo::exists(defaultRoot()))
        return live.error();
    auto fallback = FolderLookup::offline(defaultRoot(), context.snapshotter(), context.ns());
    if (!fallback)
        return live.error();
    QTextStream(stderr) << "stratactl: containerd does not answer; read " << QDir::toNativeSeparators(defaultRoot())
                        << " offline" << Qt::endl;
    return fallback->folders;
}

} // namespace strata::ctl
