#pragma once

#include "core/result.h"
#include "types/snapshotfolder.h"

#include <QList>
#include <QString>

#include <atomic>
#include <memory>

namespace strata {

class Client;

// Chooses where folder numbers come from. On the containerd host, when the snapshotter's root
// (which containerd exports through introspection) is readable, its metadata.db answers at once
// and without temporary views; otherwise the API does (FolderDiscovery).
class FolderLookup
{
public:
    // The platform's usual snapshotter: overlayfs, or windows on Windows.
    static QString defaultSnapshotter();

    enum class Mode {
        Auto,     // the database when readable, else the API
        Api,      // always the API
        Database, // the database or an error saying why not
    };

    struct Outcome
    {
        QList<SnapshotFolder> folders;
        QString source; // for people: "metadata.db at …" or "the containerd API"
    };

    // `cancel` stops the API's temporary views (FolderDiscovery); the result is then Error::Cancelled.
    static Result<Outcome> live(const std::shared_ptr<const Client> &client, const QString &snapshotter, Mode mode,
                                const std::atomic_bool *cancel = nullptr);
    // A containerd root, meta.db or metadata.db, read without a daemon (a copy from another host too).
    static Result<Outcome> offline(const QString &path, const QString &snapshotter, const QString &ns);
    // The folders as the snapshotter's own metadata.db on this host records them.
    static Result<Outcome> localDatabase(const std::shared_ptr<const Client> &client, const QString &snapshotter);
    // The snapshotter's local root when containerd exports one and this process can read its db.
    static Result<QString> localRoot(const std::shared_ptr<const Client> &client, const QString &snapshotter);
};

} // namespace strata
