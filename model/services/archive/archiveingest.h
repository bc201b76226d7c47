#pragma once

#include "archive/archivecontents.h"
#include "core/result.h"

#include <atomic>
#include <functional>
#include <memory>

struct archive;

namespace strata {

class Client;

// Streams an image archive (tar, optionally gzip-, zstd-, xz- or bzip2-compressed) into the
// content store in one pass, as containerd's importer does: every regular file but the layout
// documents becomes a blob, checked against the digest its path names (blobs/<alg>/<hex>) or
// hashed here when the path names none (docker's <id>/layer.tar). One chunk in memory at a time.
class ArchiveIngest
{
public:
    // Bytes of the file read so far, of its size.
    using Progress = std::function<void(qint64 read, qint64 total)>;

    // Blobs are written under `lease`, which keeps them until the image records do.
    ArchiveIngest(std::shared_ptr<const Client> client, QString lease);

    // Corrupt for a file that is not a whole tar archive, naming the entry where it broke;
    // Cancelled between chunks when `cancel` is set.
    Result<ArchiveContents> read(const QString &file, const std::atomic_bool *cancel, const Progress &progress) const;

private:
    Result<ArchiveContents::Blob> store(archive *a, const QString &path, qint64 size, const std::atomic_bool *cancel) const;

    std::shared_ptr<const Client> m_client;
    QString m_lease;
};

} // namespace strata
