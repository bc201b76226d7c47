#pragma once

#include "bolt/boltbucket.h"
#include "bolt/boltchecker.h"
#include "bolt/boltmeta.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace strata {

// Opens a bbolt file (containerd's metadata.db / meta.db) offline and read-only: no lock, no
// writes, no mmap. It reads a private copy of the pages the tree reaches, picks the valid meta
// page with the highest txid, and checks the whole page tree once (BoltChecker) so corrupt
// files fail here, with an Error::Corrupt naming the page, instead of deep inside a caller's walk.
class BoltReader
{
public:
    // How often open() re-reads a file that a live writer changed while it was being copied.
    static constexpr int MaxAttempts = 8;

    // Reads `path`. A live containerd may commit while the copy is taken: the meta pages are
    // re-read afterwards and the copy is retried until they did not change under it. A file
    // that reads as damaged is damaged when its meta pages held still during the read;
    // otherwise a commit came in between and it is read again.
    static Result<BoltReader> open(const QString &path);
    // Parses bytes already in memory; `origin` names them in error messages.
    static Result<BoltReader> fromBytes(QByteArray bytes, const QString &origin = {});

    BoltBucket root() const;
    const BoltMeta &meta() const { return m_meta; }
    // Which meta page (0 or 1) was used; the other one was older or invalid.
    int metaIndex() const { return m_meta.offset == 0 ? 0 : 1; }
    const QString &origin() const { return m_file->origin; }
    // What the structural check found: bucket, key and page counts.
    const BoltChecker::Stats &stats() const { return m_stats; }

private:
    BoltReader() = default;
    // Chooses the meta from `metaBytes` (file->bytes, or the part of it known to be read) and
    // checks the tree.
    static Result<BoltReader> build(std::shared_ptr<BoltFile> file, QByteArrayView metaBytes);
    static Result<BoltReader> openSparse(const QString &path);

    std::shared_ptr<const BoltFile> m_file;
    BoltMeta m_meta;
    BoltChecker::Stats m_stats;
};

} // namespace strata
