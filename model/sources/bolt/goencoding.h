#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QDateTime>

namespace strata {

// Decoders for the Go encodings containerd stores in its bolt values, with Go's own limits:
// encoding/binary varints (at most 10 bytes, no overflow) and time.Time.MarshalBinary.
class GoEncoding
{
public:
    // The whole of `bytes` must be exactly one varint; trailing bytes are an error too.
    static Result<quint64> uvarint(QByteArrayView bytes);
    static Result<qint64> varint(QByteArrayView bytes);
    // Reads one uvarint at the front of `bytes`; `used` receives its length.
    static Result<quint64> uvarintPrefix(QByteArrayView bytes, int &used);
    // time.Time.MarshalBinary, versions 1 (15 bytes) and 2 (16 bytes), as a UTC QDateTime
    // (millisecond precision: QDateTime's).
    static Result<QDateTime> time(QByteArrayView bytes);
};

} // namespace strata
