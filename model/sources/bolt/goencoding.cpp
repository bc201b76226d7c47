#include "bolt/goencoding.h"

#include <QtEndian>

namespace strata {

namespace {

Error corrupt(const QString &what)
{
    return Error{Error::Corrupt, what};
}

} // namespace

Result<quint64> GoEncoding::uvarintPrefix(QByteArrayView bytes, int &used)
{
    quint64 x = 0;
    int shift = 0;
    for (int i = 0; i < bytes.size(); ++i) {
        const quint8 b = quint8(bytes[i]);
        if (i == 9 && b > 1)
            return corrupt(QStringLiteral("varint overflows 64 bits"));
        if (b < 0x80) {
            used = i + 1;
            return x | quint64(b) << shift;
        }
        if (i == 9)
            return corrupt(QStringLiteral("varint longer than 10 bytes"));
        x |= quint64(b & 0x7f) << shift;
        shift += 7;
    }
    return corrupt(bytes.isEmpty() ? QStringLiteral("empty varint") : QStringLiteral("truncated varint"));
}

Result<quint64> GoEncoding::uvarint(QByteArrayView bytes)
{
    int used = 0;
    auto v = uvarintPrefix(bytes, used);
    if (v.ok() && used != bytes.size())
        return corrupt(QStringLiteral("%1 bytes after the varint").arg(bytes.size() - used));
    return v;
}

Result<qint64> GoEncoding::varint(QByteArrayView bytes)
{
    auto u = uvarint(bytes);
    if (!u.ok())
        return u.error();
    // Zig-zag, as encoding/binary.Varint.
    const quint64 v = *u;
    return qint64(v >> 1) ^ -qint64(v & 1);
}

Result<QDateTime> GoEncoding::time(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return corrupt(QStringLiteral("empty time value"));
    const int version = quint8(bytes[0]);
    const int expected = version == 1 ? 15 : 16;
    if (version != 1 && version != 2)
        return corrupt(QStringLiteral("time encoding version %1 is not 1 or 2").arg(version));
    if (bytes.size() != expected)
        return corrupt(QStringLiteral("time value of %1 bytes, version %2 has %3").arg(bytes.size()).arg(version).arg(expected));
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qint64 seconds = qFromBigEndian<qint64>(p + 1); // since 0001-01-01 00:00 UTC
    const qint32 nanos = qFromBigEndian<qint32>(p + 9);
    const qint16 zoneMinutes = qFromBigEndian<qint16>(p + 13);
    if (nanos < 0 || nanos >= 1000000000)
        return corrupt(QStringLiteral("time nanoseconds %1 out of range").arg(nanos));
    if (zoneMinutes != -1 && (zoneMinutes < -24 * 60 || zoneMinutes > 24 * 60))
        return corrupt(QStringLiteral("time zone offset of %1 minutes").arg(zoneMinutes));
    // Unix epoch = 62135596800 s after year 1. Keep ms within what QDateTime represents.
    constexpr qint64 unixOffset = 62135596800;
    constexpr qint64 limit = qint64(1) << 50; // seconds; ~35 million years either way
    if (seconds < -limit || seconds > limit)
        return corrupt(QStringLiteral("time of %1 seconds since year 1 out of range").arg(seconds));
    const qint64 ms = (seconds - unixOffset) * 1000 + nanos / 1000000;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace strata
