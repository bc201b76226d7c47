#pragma once

// A small bbolt writer for tests and benchmarks only: builds a valid file (meta pages,
// freelist, branch/leaf pages with overflow, inline and nested buckets) from an in-memory
// tree, and records where each page went so tests can corrupt it precisely.

#include "bolt/snapshotrecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QtEndian>

#include <memory>

namespace strata {

class BoltWriter
{
public:
    struct Bucket
    {
        quint64 sequence = 0;
        QMap<QByteArray, QByteArray> values;
        QMap<QByteArray, std::shared_ptr<Bucket>> buckets;

        Bucket &bucket(const QByteArray &name)
        {
            auto &b = buckets[name];
            if (!b)
                b = std::make_shared<Bucket>();
            return *b;
        }
        void put(const QByteArray &key, const QByteArray &value) { values.insert(key, value); }
    };

    struct PageInfo
    {
        quint64 id = 0;
        quint16 flags = 0;
        quint32 overflow = 0;
        QByteArray bucketPath; // "" for the root bucket, "v1/snapshots" etc.
    };

    // Tree pages start at `firstPage`; a later state of a "live" file uses pages the earlier
    // state does not, as bbolt's copy-on-write does.
    explicit BoltWriter(quint32 pageSize = 4096, quint64 firstPage = 3) : m_pageSize(pageSize), m_firstPage(firstPage) {}

    Bucket &root() { return m_root; }
    quint32 pageSize() const { return m_pageSize; }
    const QList<PageInfo> &pages() const { return m_pages; }
    // Pages of `bucketPath` with the given flags (0x01 branch, 0x02 leaf).
    QList<PageInfo> pagesOf(const QByteArray &bucketPath, quint16 flags) const
    {
        QList<PageInfo> out;
        for (const auto &p : m_pages) {
            if (p.bucketPath == bucketPath && p.flags == flags)
                out.append(p);
        }
        return out;
    }

    // Meta 0 gets `txid`, meta 1 `txid - 1`; both point at the same tree.
    QByteArray write(quint64 txid = 7)
    {
        m_file = QByteArray(qsizetype(m_firstPage) * m_pageSize, '\0');
        m_pages.clear();
        m_next = m_firstPage;
        putPageHeader(2, 0x10, 0, 0); // an empty freelist
        const quint64 rootPage = writeTree(m_root, {});
        for (int i = 0; i < 2; ++i)
            writeMeta(i, rootPage, m_root.sequence, txid - quint64(i));
        return m_file;
    }

    // Little-endian patch helpers for corruption tests.
    static void putU16(QByteArray &b, qsizetype at, quint16 v) { qToLittleEndian(v, b.data() + at); }
    static void putU32(QByteArray &b, qsizetype at, quint32 v) { qToLittleEndian(v, b.data() + at); }
    static void putU64(QByteArray &b, qsizetype at, quint64 v) { qToLittleEndian(v, b.data() + at); }
    // Recomputes the checksum of the meta page at `pageOffset` after a deliberate edit.
    static void resealMeta(QByteArray &b, qsizetype pageOffset)
    {
        quint64 h = 14695981039346656037ull;
        for (int i = 0; i < 56; ++i) {
            h ^= quint8(b[pageOffset + 16 + i]);
            h *= 1099511628211ull;
        }
        putU64(b, pageOffset + 16 + 56, h);
    }

    // Go encodings, as containerd writes them.
    static QByteArray uvarint(quint64 v)
    {
        QByteArray out;
        while (v >= 0x80) {
            out.append(char(v | 0x80));
            v >>= 7;
        }
        out.append(char(v));
        return out;
    }
    static QByteArray varint(qint64 v) { return uvarint((quint64(v) << 1) ^ quint64(v >> 63)); }
    static QByteArray goTime(const QDateTime &t)
    {
        QByteArray out(15, '\0');
        const qint64 ms = t.toMSecsSinceEpoch();
        const qint64 secs = (ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
        out[0] = 1;
        qToBigEndian(qint64(secs + 62135596800), out.data() + 1);
        qToBigEndian(qint32((ms - secs * 1000) * 1000000), out.data() + 9);
        qToBigEndian(qint16(-1), out.data() + 13);
        return out;
    }

    // One snapshot the way containerd's snapshots/storage/bolt.go stores it, plus its
    // v1/parents link when `parentId` is given.
    static void putSnapshot(Bucket &root, const SnapshotRecord &r, quint64 parentId = 0)
    {
        Bucket &v1 = root.bucket("v1");
        Bucket &s = v1.bucket("snapshots").bucket(r.key.toUtf8());
        s.put("id", uvarint(r.id));
        s.put("kind", QByteArray(1, char(r.kind)));
        if (!r.parent.isEmpty())
            s.put("parent", r.parent.toUtf8());
        s.put("createdat", goTime(r.created));
        s.put("updatedat", goTime(r.updated));
        if (!r.labels.isEmpty()) {
            Bucket &labels = s.bucket("labels");
            for (auto it = r.labels.cbegin(); it != r.labels.cend(); ++it)
                labels.put(it.key().toUtf8(), it.value().toUtf8());
        }
        if (r.kind == SnapshotKind::Committed) {
            s.put("size", varint(r.size));
            s.put("inodes", varint(r.inodes));
        }
        if (parentId != 0)
            v1.bucket("parents").put(uvarint(parentId) + QByteArray(1, '\0') + uvarint(r.id), r.key.toUtf8());
        Bucket &snapshots = v1.bucket("snapshots");
        snapshots.sequence = std::max(snapshots.sequence, r.id);
    }

private:
    struct Item
    {
        QByteArray key;
        QByteArray value;
        quint32 flags = 0;
        quint64 child = 0;
    };

    quint64 allocate(quint32 count)
    {
        const quint64 id = m_next;
        m_next += count;
        m_file.resize(qsizetype(m_next) * m_pageSize, '\0');
        return id;
    }

    void putPageHeader(quint64 id, quint16 flags, quint16 count, quint32 overflow)
    {
        const qsizetype at = qsizetype(id) * m_pageSize;
        putU64(m_file, at, id);
        putU16(m_file, at + 8, flags);
        putU16(m_file, at + 10, count);
        putU32(m_file, at + 12, overflow);
    }

    static qsizetype nodeSize(const QList<Item> &items, qsizetype from, qsizetype to)
    {
        qsizetype n = 16;
        for (qsizetype i = from; i < to; ++i)
            n += 16 + items[i].key.size() + items[i].value.size();
        return n;
    }

    // Elements and data of one node into `page` (its 16-byte header written by the caller).
    static void fillNode(char *page, const QList<Item> &items, qsizetype from, qsizetype to, bool leaf)
    {
        qsizetype data = 16 + 16 * (to - from);
        for (qsizetype i = from; i < to; ++i) {
            char *e = page + 16 + 16 * (i - from);
            const quint32 pos = quint32(data - (e - page));
            if (leaf) {
                qToLittleEndian(items[i].flags, e);
                qToLittleEndian(pos, e + 4);
                qToLittleEndian(quint32(items[i].key.size()), e + 8);
                qToLittleEndian(quint32(items[i].value.size()), e + 12);
            } else {
                qToLittleEndian(pos, e);
                qToLittleEndian(quint32(items[i].key.size()), e + 4);
                qToLittleEndian(items[i].child, e + 8);
            }
            memcpy(page + data, items[i].key.constData(), size_t(items[i].key.size()));
            data += items[i].key.size();
            memcpy(page + data, items[i].value.constData(), size_t(items[i].value.size()));
            data += items[i].value.size();
        }
    }

    quint64 writeNode(const QList<Item> &items, qsizetype from, qsizetype to, bool leaf, const QByteArray &path)
    {
        const qsizetype size = nodeSize(items, from, to);
        const quint32 count = quint32((size + m_pageSize - 1) / m_pageSize);
        const quint64 id = allocate(count);
        const quint16 flags = leaf ? 0x02 : 0x01;
        putPageHeader(id, flags, quint16(to - from), count - 1);
        fillNode(m_file.data() + qsizetype(id) * m_pageSize, items, from, to, leaf);
        m_pages.append({id, flags, count - 1, path});
        return id;
    }

    QByteArray inlineValue(const Bucket &b, const QList<Item> &items)
    {
        QByteArray v(16 + nodeSize(items, 0, items.size()), '\0');
        putU64(v, 8, b.sequence);
        putU16(v, 16 + 8, 0x02);
        putU16(v, 16 + 10, quint16(items.size()));
        fillNode(v.data() + 16, items, 0, items.size(), true);
        return v;
    }

    QList<Item> itemsOf(const Bucket &b, const QByteArray &path)
    {
        // Keys are unique across values and buckets in bbolt; QMap keeps each sorted.
        QList<Item> items;
        items.reserve(b.values.size() + b.buckets.size());
        auto v = b.values.cbegin();
        auto s = b.buckets.cbegin();
        while (v != b.values.cend() || s != b.buckets.cend()) {
            if (s == b.buckets.cend() || (v != b.values.cend() && v.key() < s.key())) {
                items.append({v.key(), v.value(), 0, 0});
                ++v;
            } else {
                const QByteArray childPath = path.isEmpty() ? s.key() : path + '/' + s.key();
                items.append({s.key(), bucketValue(**s, childPath), 0x01, 0});
                ++s;
            }
        }
        return items;
    }

    QByteArray bucketValue(const Bucket &b, const QByteArray &path)
    {
        if (b.buckets.isEmpty()) {
            const QList<Item> items = itemsOf(b, path);
            if (nodeSize(items, 0, items.size()) <= m_pageSize / 4)
                return inlineValue(b, items);
        }
        QByteArray v(16, '\0');
        putU64(v, 0, writeTree(b, path));
        putU64(v, 8, b.sequence);
        return v;
    }

    // Writes `b` as a page tree and returns its root page id.
    quint64 writeTree(const Bucket &b, const QByteArray &path)
    {
        QList<Item> level = itemsOf(b, path);
        bool leaf = true;
        for (;;) {
            QList<Item> parents;
            qsizetype from = 0;
            while (from < level.size() || (from == 0 && level.isEmpty())) {
                qsizetype to = from + 1;
                while (to < level.size() && nodeSize(level, from, to + 1) <= m_pageSize)
                    ++to;
                to = std::min(to, level.size());
                const quint64 id = writeNode(level, from, to, leaf, path);
                if (level.isEmpty())
                    return id;
                parents.append({level[from].key, {}, 0, id});
                from = to;
            }
            if (parents.size() == 1)
                return parents.first().child;
            level = parents;
            leaf = false;
        }
    }

    void writeMeta(int index, quint64 rootPage, quint64 rootSequence, quint64 txid)
    {
        const qsizetype at = qsizetype(index) * m_pageSize;
        putU64(m_file, at, quint64(index));
        putU16(m_file, at + 8, 0x04);
        const qsizetype m = at + 16;
        putU32(m_file, m, 0xED0CDAED);
        putU32(m_file, m + 4, 2);
        putU32(m_file, m + 8, m_pageSize);
        putU32(m_file, m + 12, 0);
        putU64(m_file, m + 16, rootPage);
        putU64(m_file, m + 24, rootSequence);
        putU64(m_file, m + 32, 2);
        putU64(m_file, m + 40, m_next);
        putU64(m_file, m + 48, txid);
        resealMeta(m_file, at);
    }

    quint32 m_pageSize;
    quint64 m_firstPage;
    Bucket m_root;
    QByteArray m_file;
    QList<PageInfo> m_pages;
    quint64 m_next = 3;
};

} // namespace strata
