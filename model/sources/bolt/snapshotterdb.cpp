#include "bolt/snapshotterdb.h"

#include "bolt/boltfields.h"
#include "bolt/goencoding.h"

#include <algorithm>

namespace strata {

namespace {

Result<SnapshotRecord> readRecord(QByteArrayView key, const BoltBucket &bucket)
{
    SnapshotRecord r;
    r.key = QString::fromUtf8(key);
    SnapshotterDb::splitKey(r.key, r.namespaceName, r.name);
    auto fields = BoltFields::read(bucket);
    if (!fields.ok())
        return fields.error();
    const BoltFields &f = *fields;
    auto id = f.uvarint("id");
    if (!id.ok())
        return id.error();
    r.id = *id;
    // As containerd's readKind: anything but one known byte is no kind at all.
    const auto kind = f.value("kind");
    if (kind && kind->size() == 1 && quint8(kind->at(0)) >= 1 && quint8(kind->at(0)) <= 3)
        r.kind = SnapshotKind(quint8(kind->at(0)));
    auto parent = f.text("parent");
    if (!parent.ok())
        return parent.error();
    auto created = f.time("createdat");
    if (!created.ok())
        return created.error();
    auto updated = f.time("updatedat");
    if (!updated.ok())
        return updated.error();
    auto labels = f.map("labels");
    if (!labels.ok())
        return labels.error();
    auto size = f.varint("size");
    if (!size.ok())
        return size.error();
    auto inodes = f.varint("inodes");
    if (!inodes.ok())
        return inodes.error();
    r.parent = *parent;
    r.created = *created;
    r.updated = *updated;
    r.labels = *labels;
    r.size = *size;
    r.inodes = *inodes;
    return r;
}

Result<SnapshotterDb::ParentLink> readLink(QByteArrayView key, QByteArrayView value)
{
    int used = 0;
    auto parent = GoEncoding::uvarintPrefix(key, used);
    if (parent.ok() && (used >= key.size() || key[used] != '\0'))
        parent = Error{Error::Corrupt, QStringLiteral("no 0 byte after the parent id")};
    if (!parent.ok())
        return Error{Error::Corrupt, QStringLiteral("bucket v1/parents, key %1: %2").arg(BoltBucket::displayKey(key), parent.error().message)};
    auto child = GoEncoding::uvarint(key.sliced(used + 1));
    if (!child.ok())
        return Error{Error::Corrupt, QStringLiteral("bucket v1/parents, key %1: %2").arg(BoltBucket::displayKey(key), child.error().message)};
    return SnapshotterDb::ParentLink{*parent, *child, QString::fromUtf8(value)};
}

} // namespace

void SnapshotterDb::splitKey(const QString &key, QString &namespaceName, QString &name)
{
    const qsizetype first = key.indexOf(QLatin1Char('/'));
    const qsizetype second = first < 0 ? -1 : key.indexOf(QLatin1Char('/'), first + 1);
    const bool txidIsNumber = first > 0 && second > first + 1
                              && std::all_of(key.cbegin() + first + 1, key.cbegin() + second,
                                             [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
    if (!txidIsNumber) {
        namespaceName.clear();
        name = key;
        return;
    }
    namespaceName = key.left(first);
    name = key.mid(second + 1);
}

Result<SnapshotterDb> SnapshotterDb::open(const QString &metadataDbPath)
{
    auto reader = BoltReader::open(metadataDbPath);
    if (!reader.ok())
        return reader.error();
    auto db = decode(*reader);
    if (!db.ok())
        return Error{db.error().code, metadataDbPath + QStringLiteral(": ") + db.error().message};
    return db;
}

Result<SnapshotterDb> SnapshotterDb::decode(const BoltReader &reader)
{
    SnapshotterDb db;
    auto v1 = reader.root().bucket("v1");
    if (!v1.ok())
        return v1.error();
    if (!*v1)
        return db; // a snapshotter that never made a snapshot has no buckets yet

    auto snapshots = (*v1)->bucket("snapshots");
    if (!snapshots.ok())
        return snapshots.error();
    if (*snapshots) {
        db.m_sequence = (*snapshots)->sequence();
        auto s = (*snapshots)->forEachView([&](QByteArrayView key, QByteArrayView, const BoltBucket *child) -> Status {
            if (!child)
                return success(); // containerd skips stray values here too
            auto r = readRecord(key, *child);
            if (!r.ok())
                return r.error();
            db.m_records.append(std::move(*r));
            return success();
        });
        if (!s.ok())
            return s.error();
    }

    auto parents = (*v1)->bucket("parents");
    if (!parents.ok())
        return parents.error();
    if (*parents) {
        auto s = (*parents)->forEachView([&](QByteArrayView key, QByteArrayView value, const BoltBucket *child) -> Status {
            if (child)
                return success();
            auto link = readLink(key, value);
            if (!link.ok())
                return link.error();
            db.m_links.append(std::move(*link));
            return success();
        });
        if (!s.ok())
            return s.error();
    }
    return db;
}

const SnapshotRecord *SnapshotterDb::find(const QString &key) const
{
    // Records are in bolt's byte order of UTF-8 keys, which is QString's order except for keys
    // mixing characters above U+FFFF with U+E000..U+FFFF; a miss falls back to a scan for those.
    const auto it = std::lower_bound(m_records.cbegin(), m_records.cend(), key,
                                     [](const SnapshotRecord &r, const QString &k) { return r.key < k; });
    if (it != m_records.cend() && it->key == key)
        return &*it;
    const auto slow = std::find_if(m_records.cbegin(), m_records.cend(), [&](const SnapshotRecord &r) { return r.key == key; });
    return slow == m_records.cend() ? nullptr : &*slow;
}

SnapshotFolder SnapshotterDb::folderIn(const SnapshotRecord &record, const QString &snapshotsDir)
{
    SnapshotFolder f;
    f.key = record.key;
    f.parent = record.parent;
    f.kind = record.kind;
    f.id = QString::number(record.id);
    f.path = snapshotsDir + f.id;
    return f;
}

SnapshotFolder SnapshotterDb::folderOf(const SnapshotRecord &record, const QString &snapshotterRoot, FolderPathStyle style)
{
    return folderIn(record, snapshotsDir(snapshotterRoot, style));
}

QList<SnapshotFolder> SnapshotterDb::folders(const QString &snapshotterRoot, FolderPathStyle style) const
{
    const QString dir = snapshotsDir(snapshotterRoot, style);
    QList<SnapshotFolder> out;
    out.reserve(m_records.size());
    for (const auto &r : m_records)
        out.append(folderIn(r, dir));
    return out;
}

} // namespace strata
