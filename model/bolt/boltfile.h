#pragma once

#include "bolt/boltpage.h"

#include <QByteArray>
#include <QString>

namespace strata {

// The bytes of one consistent state of a bbolt file and the geometry its chosen meta gives.
// Shared (immutably) by every BoltBucket handed out, so buckets stay valid on their own.
struct BoltFile
{
    QByteArray bytes;
    quint32 pageSize = 0;
    quint64 highWater = 0;
    QString origin; // the file name, for messages

    Result<BoltPage> page(quint64 id) const { return BoltPage::inFile(bytes, pageSize, id, highWater); }
};

} // namespace strata
