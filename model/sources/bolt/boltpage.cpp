#include "bolt/boltpage.h"

#include <QtEndian>

namespace strata {

namespace {

Error corrupt(const QString &where, const QString &what)
{
    return Error{Error::Corrupt, QStringLiteral("%1: %2").arg(where, what)};
}

QString filePageName(quint64 id, qint64 offset)
{
    return QStringLiteral("page %1 (file offset %2)").arg(id).arg(offset);
}

} // namespace

Result<BoltPage> BoltPage::inFile(QByteArrayView file, quint32 pageSize, quint64 id, quint64 highWater)
{
    const quint64 pages = quint64(file.size()) / pageSize;
    if (id < 2 || id >= highWater) {
        return Error{Error::Corrupt, QStringLiteral("page id %1 is not in 2..%2 (below the high-water mark)")
                                         .arg(id)
                                         .arg(highWater)};
    }
    if (id >= pages) {
        return Error{Error::Corrupt, QStringLiteral("page id %1 lies past the end of the file (%2 bytes, %3 pages)")
                                         .arg(id)
                                         .arg(file.size())
                                         .arg(pages)};
    }
    const qint64 offset = qint64(id * pageSize);
    const auto *p = reinterpret_cast<const uchar *>(file.data() + offset);
    const quint64 storedId = qFromLittleEndian<quint64>(p);
    if (storedId != id)
        return corrupt(filePageName(id, offset), QStringLiteral("header says it is page %1").arg(storedId));
    const quint32 overflow = qFromLittleEndian<quint32>(p + 12);
    // 64-bit arithmetic: overflow is at most 2^32 - 1, so this cannot wrap.
    if (id + overflow + 1 > pages || id + overflow + 1 > highWater) {
        return corrupt(filePageName(id, offset),
                       QStringLiteral("overflow of %1 pages runs past the end of the file or the high-water mark")
                           .arg(overflow));
    }
    return fromBytes(file.sliced(offset, qint64(overflow + 1) * pageSize), offset);
}

Result<BoltPage> BoltPage::inlineIn(QByteArrayView bucketValue)
{
    if (bucketValue.size() < 16 + HeaderSize)
        return corrupt(QStringLiteral("inline page"), QStringLiteral("bucket value of %1 bytes is too short").arg(bucketValue.size()));
    auto page = fromBytes(bucketValue.sliced(16), -1);
    if (page.ok() && page->m_overflow != 0)
        return corrupt(page->where(), QStringLiteral("inline page claims %1 overflow pages").arg(page->m_overflow));
    return page;
}

Result<BoltPage> BoltPage::fromBytes(QByteArrayView span, qint64 fileOffset)
{
    BoltPage page;
    const auto *p = reinterpret_cast<const uchar *>(span.data());
    page.m_span = span;
    page.m_fileOffset = fileOffset;
    page.m_id = qFromLittleEndian<quint64>(p);
    page.m_flags = qFromLittleEndian<quint16>(p + 8);
    page.m_count = qFromLittleEndian<quint16>(p + 10);
    page.m_overflow = qFromLittleEndian<quint32>(p + 12);
    if (!page.isLeaf() && !page.isBranch())
        return corrupt(page.where(), QStringLiteral("flags 0x%1 are not a branch or leaf page").arg(page.m_flags, 0, 16));
    if (HeaderSize + qint64(page.m_count) * ElementSize > span.size()) {
        return corrupt(page.where(), QStringLiteral("%1 elements do not fit in its %2 bytes")
                                         .arg(page.m_count)
                                         .arg(span.size()));
    }
    return page;
}

Result<BoltPage::Element> BoltPage::element(int index) const
{
    if (index < 0 || index >= m_count)
        return corrupt(where(), QStringLiteral("element %1 requested of %2").arg(index).arg(m_count));
    const qint64 at = HeaderSize + qint64(index) * ElementSize;
    const auto *e = reinterpret_cast<const uchar *>(m_span.data() + at);
    Element out;
    quint64 pos = 0;
    quint64 ksize = 0;
    quint64 vsize = 0;
    if (isLeaf()) {
        out.isBucket = qFromLittleEndian<quint32>(e) & 0x01;
        pos = qFromLittleEndian<quint32>(e + 4);
        ksize = qFromLittleEndian<quint32>(e + 8);
        vsize = qFromLittleEndian<quint32>(e + 12);
    } else {
        pos = qFromLittleEndian<quint32>(e);
        ksize = qFromLittleEndian<quint32>(e + 4);
        out.child = qFromLittleEndian<quint64>(e + 8);
    }
    // pos is relative to the element itself; all three are 32-bit, so the sum fits in 64 bits.
    const quint64 begin = quint64(at) + pos;
    if (begin + ksize + vsize > quint64(m_span.size())) {
        return corrupt(where(), QStringLiteral("element %1 (pos %2, key %3 bytes, value %4 bytes) reaches past the page's %5 bytes")
                                    .arg(index)
                                    .arg(pos)
                                    .arg(ksize)
                                    .arg(vsize)
                                    .arg(m_span.size()));
    }
    out.key = m_span.sliced(qint64(begin), qint64(ksize));
    if (isLeaf())
        out.value = m_span.sliced(qint64(begin + ksize), qint64(vsize));
    return out;
}

QString BoltPage::where() const
{
    return m_fileOffset < 0 ? QStringLiteral("inline page") : filePageName(m_id, m_fileOffset);
}

} // namespace strata
