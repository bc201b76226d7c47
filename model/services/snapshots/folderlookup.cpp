#include "snapshots/folderlookup.h"

#include "bolt/containerdroot.h"
#include "client/client.h"
#include "client/introspectionservice.h"
#include "snapshots/folderdiscovery.h"
#include "snapshots/temporaryview.h"

#include <QDir>
#include <QFileInfo>

namespace strata {

QString FolderLookup::defaultSnapshotter()
{
#ifdef Q_OS_WIN
    return QStringLiteral("windows");
#else
    return QStringLiteral("overlayfs");
#endif
}

Result<QString> FolderLookup::localRoot(const std::shared_ptr<const Client> &client, const QString &snapshotter)
{
    auto plugins = IntrospectionService(client).snapshotters();
    if (!plugins)
        return plugins.error();
    for (const auto &p : *plugins) {
        if (p.id != snapshotter)
            continue;
        const QString root = p.exports.value(QStringLiteral("root"));
        if (root.isEmpty())
            return Error{Error::NotFound, QStringLiteral("snapshotter %1 does not say where its root is").arg(snapshotter)};
        const QFileInfo db(QDir(root).filePath(QStringLiteral("metadata.db")));
        if (!db.exists())
            return Error{Error::NotFound, QStringLiteral("%1 is not on this host (or not visible here)").arg(db.filePath())};
        if (!db.isReadable())
            return Error{Error::PermissionDenied, QStringLiteral("%1 is not readable; run as root to read it").arg(db.filePath())};
        return root;
    }
    return Error{Error::NotFound, QStringLiteral("containerd has no loaded snapshotter named %1").arg(snapshotter)};
}

Result<FolderLookup::Outcome> FolderLookup::localDatabase(const std::shared_ptr<const Client> &client,
                                                          const QString &snapshotter)
{
    auto root = localRoot(client, snapshotter);
    if (!root)
        return root.error();
    // The snapshotter root sits in containerd's root, next to meta.db with the names of the
    // client's namespace.
    auto store = ContainerdRoot::locate(QFileInfo(*root).absolutePath());
    if (!store)
        return store.error();
    auto folders = store->folders(snapshotter, client->ns());
    if (!folders)
        return folders.error();
    return Outcome{TemporaryView::withoutTemporary(std::move(*folders)), QStringLiteral("metadata.db at %1").arg(*root)};
}

Result<FolderLookup::Outcome> FolderLookup::live(const std::shared_ptr<const Client> &client, const QString &snapshotter,
                                                 Mode mode, const std::atomic_bool *cancel)
{
    if (mode != Mode::Api) {
        auto local = localDatabase(client, snapshotter);
        if (local || mode == Mode::Database)
            return local;
    }
    auto folders = FolderDiscovery(client, snapshotter, cancel).discoverAll();
    if (!folders)
        return folders.error();
    return Outcome{*folders, QStringLiteral("the containerd API")};
}

Result<FolderLookup::Outcome> FolderLookup::offline(const QString &path, const QString &snapshotter, const QString &ns)
{
    auto store = ContainerdRoot::locate(path);
    if (!store)
        return store.error();
    auto folders = store->folders(snapshotter, ns);
    if (!folders)
        return folders.error();
    return Outcome{*folders, QStringLiteral("%1 (offline)").arg(path)};
}

} // namespace strata
