#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace strata {

// containerd's content store read straight from disk (`<root>/io.containerd.content.v1.content/
// blobs/<algorithm>/<hex>`), for an offline root where no daemon serves Content.Read. Only
// small blobs (manifests, indexes, configs) are read, and sha256/sha512 ones are checked
// against their digest, since a copied root may be damaged.
class ContentStoreDir
{
public:
    static constexpr const char *Relative = "io.containerd.content.v1.content";
    // Far above any real manifest or config; a bigger "blob" is not one of those.
    static constexpr qint64 MaxBlobSize = 16 * 1024 * 1024;

    // `containerdRoot`: the directory holding io.containerd.content.v1.content.
    explicit ContentStoreDir(QString containerdRoot);

    bool exists() const;
    QString blobPath(const QString &digest) const; // empty for a malformed digest
    // NotFound when absent, Corrupt when the bytes do not match the digest, InvalidArgument
    // for a digest that is not `algorithm:hex`.
    Result<QByteArray> read(const QString &digest) const;

private:
    QString m_root;
};

} // namespace strata
