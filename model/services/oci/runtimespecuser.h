#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace strata {

// process.user of a Linux spec from an image's USER, resolved the way containerd 1.6's
// oci.WithUser / WithUserID / WithUsername / WithAdditionalGIDs do, but against the image's
// /etc/passwd and /etc/group given as text rather than read from a mounted rootfs.
struct RuntimeSpecUser
{
    quint32 uid = 0;
    quint32 gid = 0;
    QList<quint32> additionalGids; // supplementary groups, always led by gid when not among them

    // user: "", "uid", "name", "uid:gid", "name:group", "uid:group" or "name:gid". A name that
    // the files do not hold is an error (as in containerd); an unknown numeric uid gets gid 0.
    static Result<RuntimeSpecUser> resolve(const QString &user, const QByteArray &passwd, const QByteArray &group);

    bool operator==(const RuntimeSpecUser &) const = default;
};

} // namespace strata
