#include "bolt/boltmeta.h"

#include <QtEndian>

namespace strata {

namespace {

Error corrupt(qint64 offset, const QString &what)
{
    return Error{Error::Corrupt, QStringLiteral("meta page at file offset %1: %2").arg(offset).arg(what)};
}

} // namespace

quint64 BoltMeta::checksum(QByteArrayView metaFields)
{
    quint64 h = 14695981039346656037ull;
    for (char c : metaFields) {
        h ^= quint8(c);
        h *= 1099511628211ull;
    }
    return h;
}

Result<BoltMeta> BoltMeta::parse(QByteArrayView file, qint64 offset)
{
    if (offset < 0 || file.size() < offset + PageHeaderSize + Size)
        return corrupt(offset, QStringLiteral("file ends before the meta (%1 bytes)").arg(file.size()));
    const auto *p = reinterpret_cast<const uchar *>(file.data() + offset + PageHeaderSize);
    const quint32 magic = qFromLittleEndian<quint32>(p);
    if (magic != Magic)
        return corrupt(offset, QStringLiteral("bad magic 0x%1").arg(magic, 8, 16, QLatin1Char('0')));
    const quint32 version = qFromLittleEndian<quint32>(p + 4);
    if (version != Version)
        return corrupt(offset, QStringLiteral("unsupported version %1").arg(version));
    const quint64 stored = qFromLittleEndian<quint64>(p + ChecksummedSize);
    const quint64 computed = checksum(QByteArrayView(p, ChecksummedSize));
    if (stored != computed) {
        return corrupt(offset, QStringLiteral("checksum mismatch (stored %1, computed %2)")
                                   .arg(stored, 16, 16, QLatin1Char('0'))
                                   .arg(computed, 16, 16, QLatin1Char('0')));
    }

    BoltMeta m;
    m.offset = offset;
    m.pageSize = qFromLittleEndian<quint32>(p + 8);
    m.flags = qFromLittleEndian<quint32>(p + 12);
    m.rootPage = qFromLittleEndian<quint64>(p + 16);
    m.rootSequence = qFromLittleEndian<quint64>(p + 24);
    m.freelist = qFromLittleEndian<quint64>(p + 32);
    m.highWater = qFromLittleEndian<quint64>(p + 40);
    m.txid = qFromLittleEndian<quint64>(p + 48);
    // A checksum only proves the bytes were written together, not that a writer was sane.
    if (m.pageSize < MinPageSize || m.pageSize > MaxPageSize)
        return corrupt(offset, QStringLiteral("absurd page size %1").arg(m.pageSize));
    if (m.rootPage < 2 || m.rootPage >= m.highWater) {
        return corrupt(offset, QStringLiteral("root page %1 is not in 2..%2 (below the high-water mark)")
                                   .arg(m.rootPage)
                                   .arg(m.highWater));
    }
    return m;
}

} // namespace strata
