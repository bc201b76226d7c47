#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QString>

namespace strata {

// A bounds-checked view of one branch or leaf page: a page of the file (with its overflow
// pages) or the inline page stored in a small bucket's value. Every accessor checks that what
// the page claims stays inside the page, so a corrupt file yields an Error, never a wild read.
class BoltPage
{
public:
    enum Flag : quint16 { Branch = 0x01, Leaf = 0x02, Meta = 0x04, Freelist = 0x10 };
    static constexpr int HeaderSize = 16;
    static constexpr int ElementSize = 16;

    struct Element
    {
        QByteArrayView key;
        QByteArrayView value;  // leaf only
        quint64 child = 0;     // branch only
        bool isBucket = false; // leaf only
    };

    // Page `id` of `file`; `highWater` is the meta's first never-allocated page id.
    static Result<BoltPage> inFile(QByteArrayView file, quint32 pageSize, quint64 id, quint64 highWater);
    // The inline page after the 16-byte bucket header in a bucket value. Its errors say
    // "inline page"; the bucket adds its own name (building it up front would be too slow).
    static Result<BoltPage> inlineIn(QByteArrayView bucketValue);

    quint64 id() const { return m_id; }
    bool isLeaf() const { return m_flags == Leaf; }
    bool isBranch() const { return m_flags == Branch; }
    int count() const { return m_count; }
    quint32 overflow() const { return m_overflow; }

    Result<Element> element(int index) const;
    // "page 7 (file offset 28672)" or "inline page"; for error messages.
    QString where() const;

private:
    static Result<BoltPage> fromBytes(QByteArrayView span, qint64 fileOffset);

    QByteArrayView m_span;
    qint64 m_fileOffset = -1; // -1 for an inline page
    quint64 m_id = 0;
    quint16 m_flags = 0;
    quint16 m_count = 0;
    quint32 m_overflow = 0;
};

} // namespace strata
