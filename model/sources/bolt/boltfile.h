#pragma once

#include "bolt/boltpage.h"
#include "bolt/boltpagesource.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace strata {

// The bytes of one consistent state of a bbolt file and the geometry its chosen meta gives.
// Shared (immutably) by every BoltBucket handed out, so buckets stay valid on their own.
struct BoltFile
{
    QByteArray bytes;
    quint32 pageSize = 0;
    quint64 highWater = 0;
    QString origin; // the file name, for messages
    // Set when `bytes` is read from disk page by page (BoltReader::open); null when complete.
    std::shared_ptr<BoltPageSource> source;

    Result<BoltPage> page(quint64 id) const
    {
        if (source) {
            if (auto loaded = source->ensure(id, pageSize); !loaded)
                return loaded.error();
        }
        return BoltPage::inFile(bytes, pageSize, id, highWater);
    }
};

} // namespace strata
