#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace strata {

// The numbered snapshot folders a snapshot's mounts reveal. Mounts do not always name the
// snapshot's own folder (an overlay view on a chain mounts only its parents), and some
// read-only mounts cannot say by themselves whether their source is the snapshot or its
// parent; `own` records which of these cases this is instead of guessing.
struct MountLayout
{
    struct Folder
    {
        QString id;   // the folder number, as text
        QString path; // <snapshotter root>/snapshots/<id>, in the mount's own path style

        bool operator==(const Folder &) const = default;
    };

    enum class Own {
        Present, // folders.first() is the snapshot's own folder
        Absent,  // the mounts name only parents (the snapshot's folder is not mounted)
        Unknown, // the first folder is either the snapshot's or its nearest parent's
    };

    QString type; // the mount type as containerd gave it
    bool readOnly = false;
    Own own = Own::Unknown;
    QList<Folder> folders; // every folder the mounts name, topmost first
    // False when the snapshotter does not name parents in its mounts (native copies them).
    bool parentsListed = true;
    QString note; // a sentence for the user when own is not Present or parents are not listed

    std::optional<Folder> ownFolder() const;
    // Nearest parent first. Empty when own is Unknown: the mounts cannot tell parents apart.
    QList<Folder> parentFolders() const;

    bool operator==(const MountLayout &) const = default;
};

} // namespace strata
