#pragma once

#include "core/result.h"

#include <QByteArrayView>

namespace strata {

// One of the two meta pages of a bbolt file (pages 0 and 1). bbolt writes them alternately,
// so the valid one with the highest txid is the last committed transaction.
struct BoltMeta
{
    static constexpr quint32 Magic = 0xED0CDAED;
    static constexpr quint32 Version = 2;
    static constexpr int PageHeaderSize = 16;
    static constexpr int Size = 64; // the meta struct, checksum included
    static constexpr int ChecksummedSize = 56;
    static constexpr quint32 MinPageSize = 512;
    static constexpr quint32 MaxPageSize = 16u << 20;

    quint32 pageSize = 0;
    quint32 flags = 0;
    quint64 rootPage = 0;
    quint64 rootSequence = 0;
    quint64 freelist = 0;
    quint64 highWater = 0; // bbolt's meta.pgid: first page id never allocated
    quint64 txid = 0;
    qint64 offset = 0;     // file offset of the page holding this meta

    // Reads and validates the meta page at `offset` of `file` (magic, version, checksum, sane
    // page size and page ids). The error says which check failed and where.
    static Result<BoltMeta> parse(QByteArrayView file, qint64 offset);

    // FNV-1a 64 over the meta fields before the checksum, as bbolt's meta.sum64.
    static quint64 checksum(QByteArrayView metaFields);
};

} // namespace strata
