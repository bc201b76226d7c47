#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QFile>
#include <QMutex>

#include <memory>
#include <vector>

namespace strata {

// A bbolt file read page by page, on first use, into a private buffer the size of the file.
// containerd's meta.db is mostly free pages (25 MB for 2,000 snapshots); reading only what the
// tree reaches saves both the read and the memory, since untouched parts of a large buffer are
// never backed by RAM. Once the reader has walked the whole tree the file is closed, and
// everything a walk can reach has been read.
class BoltPageSource
{
public:
    // The first `prefix` bytes are read at once: the meta pages live there.
    static Result<std::shared_ptr<BoltPageSource>> open(const QString &path, qint64 prefix);

    // The whole file's extent; pages not read yet hold garbage, so only hand out pages that
    // ensure() has loaded.
    QByteArray bytes() const { return QByteArray::fromRawData(m_buffer.get(), m_size); }
    qint64 loadedPrefix() const { return m_prefix; }

    // Loads page `id` and the overflow pages its header announces (clamped to the file).
    // After close(), a page never loaded is an error rather than a read.
    Status ensure(quint64 id, quint32 pageSize);
    // Loads bytes [offset, offset + size) now (meta pages outside the prefix).
    Status load(qint64 offset, qint64 size);
    void close();

private:
    BoltPageSource() = default;
    Status readInto(qint64 offset, qint64 size);
    // Reads the pages of [first, last] not read yet, a contiguous run at a time.
    Status loadPages(quint64 first, quint64 last);

    QString m_path;
    QFile m_file;
    std::unique_ptr<char[]> m_buffer;
    qint64 m_size = 0;
    qint64 m_prefix = 0;
    quint32 m_pageSize = 0;
    std::vector<bool> m_loaded; // per page, once the page size is known
    mutable QMutex m_mutex;
    bool m_closed = false;
};

} // namespace strata
