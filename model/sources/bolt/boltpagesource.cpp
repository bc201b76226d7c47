#include "bolt/boltpagesource.h"

#include <QtEndian>

#include <algorithm>
#include <new>

namespace strata {

Result<std::shared_ptr<BoltPageSource>> BoltPageSource::open(const QString &path, qint64 prefix)
{
    std::shared_ptr<BoltPageSource> source(new BoltPageSource);
    source->m_path = path;
    source->m_file.setFileName(path);
    if (!source->m_file.open(QIODevice::ReadOnly))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, source->m_file.errorString())};
    source->m_size = source->m_file.size();
    // Uninitialised on purpose: a large allocation is mapped lazily, so unread pages cost nothing.
    source->m_buffer.reset(new (std::nothrow) char[size_t(std::max<qint64>(source->m_size, 1))]);
    if (!source->m_buffer)
        return Error{Error::Io, QStringLiteral("%1: %2 bytes cannot be mapped for reading").arg(path).arg(source->m_size)};
    source->m_prefix = std::min(prefix, source->m_size);
    if (auto s = source->readInto(0, source->m_prefix); !s)
        return s.error();
    return source;
}

Status BoltPageSource::readInto(qint64 offset, qint64 size)
{
    if (!m_file.seek(offset))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(m_path, m_file.errorString())};
    const qint64 got = m_file.read(m_buffer.get() + offset, size);
    if (got < 0)
        return Error{Error::Io, QStringLiteral("%1: %2").arg(m_path, m_file.errorString())};
    if (got != size) // the file shrank under us: what it claimed to hold is not there
        return Error{Error::Corrupt, QStringLiteral("%1: ends at %2 bytes, before offset %3").arg(m_path).arg(offset + got).arg(offset + size)};
    return success();
}

Status BoltPageSource::load(qint64 offset, qint64 size)
{
    QMutexLocker lock(&m_mutex);
    if (offset + size <= m_prefix)
        return success();
    if (m_closed)
        return Error{Error::Internal, QStringLiteral("%1: read after close").arg(m_path)};
    if (offset >= m_size)
        return success();
    return readInto(offset, std::min(size, m_size - offset));
}

Status BoltPageSource::loadPages(quint64 first, quint64 last)
{
    for (quint64 p = first; p <= last;) {
        if (m_loaded[p]) {
            ++p;
            continue;
        }
        quint64 end = p;
        while (end + 1 <= last && !m_loaded[end + 1])
            ++end;
        const qint64 from = qint64(p) * m_pageSize;
        const qint64 to = qint64(end + 1) * m_pageSize;
        if (to > m_prefix) {
            if (m_closed)
                return Error{Error::Corrupt, QStringLiteral("%1: page %2 is not part of the tree that was checked").arg(m_path).arg(p)};
            const qint64 start = std::max(from, m_prefix);
            if (auto s = readInto(start, to - start); !s)
                return s;
        }
        std::fill(m_loaded.begin() + qsizetype(p), m_loaded.begin() + qsizetype(end + 1), true);
        p = end + 1;
    }
    return success();
}

Status BoltPageSource::ensure(quint64 id, quint32 pageSize)
{
    QMutexLocker lock(&m_mutex);
    if (m_loaded.empty() || m_pageSize != pageSize) {
        m_pageSize = pageSize;
        m_loaded.assign(size_t(quint64(m_size) / pageSize), false);
    }
    // Out of range: the caller's bounds checks say so in their own words.
    if (id >= m_loaded.size())
        return success();
    if (auto s = loadPages(id, id); !s)
        return s;
    const auto *header = reinterpret_cast<const uchar *>(m_buffer.get() + qint64(id) * pageSize);
    const quint64 last = std::min<quint64>(id + qFromLittleEndian<quint32>(header + 12), m_loaded.size() - 1);
    return last > id ? loadPages(id + 1, last) : success();
}

void BoltPageSource::close()
{
    QMutexLocker lock(&m_mutex);
    m_closed = true;
    m_file.close();
}

} // namespace strata
