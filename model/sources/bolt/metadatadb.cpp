#include "bolt/metadatadb.h"

#include "bolt/boltentry.h"
#include "bolt/boltfields.h"
#include "bolt/goencoding.h"

namespace strata {

namespace {

Result<ImageRecord> readImage(const QString &ns, const BoltEntry &entry)
{
    ImageRecord image;
    image.namespaceName = ns;
    image.name = QString::fromUtf8(entry.key);
    auto fields = BoltFields::read(*entry.bucket);
    if (!fields.ok())
        return fields.error();
    const BoltFields &f = *fields;
    auto created = f.time("createdat");
    if (!created.ok())
        return created.error();
    auto updated = f.time("updatedat");
    if (!updated.ok())
        return updated.error();
    auto labels = f.map("labels");
    if (!labels.ok())
        return labels.error();
    image.created = *created;
    image.updated = *updated;
    image.labels = *labels;

    auto target = entry.bucket->bucket("target");
    if (!target.ok())
        return target.error();
    if (!*target)
        return Error{Error::Corrupt, QStringLiteral("bucket %1: no target bucket").arg(entry.bucket->path())};
    auto targetFields = BoltFields::read(**target);
    if (!targetFields.ok())
        return targetFields.error();
    const BoltFields &t = *targetFields;
    auto digest = t.text("digest");
    if (!digest.ok())
        return digest.error();
    auto mediaType = t.text("mediatype");
    if (!mediaType.ok())
        return mediaType.error();
    auto size = t.varint("size");
    if (!size.ok())
        return size.error();
    image.digest = *digest;
    image.mediaType = *mediaType;
    image.size = *size;
    return image;
}

Result<SnapshotRef> readSnapshot(const QString &ns, const QString &snapshotter, const BoltEntry &entry)
{
    SnapshotRef ref;
    ref.namespaceName = ns;
    ref.snapshotter = snapshotter;
    ref.name = QString::fromUtf8(entry.key);
    auto fields = BoltFields::read(*entry.bucket);
    if (!fields.ok())
        return fields.error();
    const BoltFields &f = *fields;
    auto backend = f.text("name");
    if (!backend.ok())
        return backend.error();
    auto parent = f.text("parent");
    if (!parent.ok())
        return parent.error();
    auto labels = f.map("labels");
    if (!labels.ok())
        return labels.error();
    auto created = f.time("createdat");
    if (!created.ok())
        return created.error();
    auto updated = f.time("updatedat");
    if (!updated.ok())
        return updated.error();
    ref.backendKey = *backend;
    ref.parent = *parent;
    ref.labels = *labels;
    ref.created = *created;
    ref.updated = *updated;
    return ref;
}

} // namespace

Result<MetadataDb> MetadataDb::open(const QString &metaDbPath)
{
    auto reader = BoltReader::open(metaDbPath);
    if (!reader.ok())
        return reader.error();
    auto db = decode(*reader);
    if (!db.ok())
        return Error{db.error().code, metaDbPath + QStringLiteral(": ") + db.error().message};
    return db;
}

Result<MetadataDb> MetadataDb::decode(const BoltReader &reader)
{
    MetadataDb db;
    auto v1 = reader.root().bucket("v1");
    if (!v1.ok())
        return v1.error();
    if (!*v1)
        return db;
    auto versionValue = (*v1)->get("version");
    if (!versionValue.ok())
        return versionValue.error();
    auto version = *versionValue ? GoEncoding::varint(**versionValue) : Result<qint64>(qint64(0));
    if (!version.ok())
        return version.error();
    db.m_schemaVersion = *version;
    auto s = (*v1)->forEach([&](const BoltEntry &e) -> Status {
        if (!e.isBucket())
            return success();
        const QString ns = QString::fromUtf8(e.key);
        db.m_namespaces.append(ns);
        return db.decodeNamespace(ns, *e.bucket);
    });
    if (!s.ok())
        return s.error();
    return db;
}

Status MetadataDb::decodeNamespace(const QString &ns, const BoltBucket &bucket)
{
    auto images = bucket.bucket("images");
    if (!images.ok())
        return images.error();
    if (*images) {
        auto s = (*images)->forEach([&](const BoltEntry &e) -> Status {
            if (!e.isBucket())
                return success();
            auto image = readImage(ns, e);
            if (!image.ok())
                return image.error();
            m_images.append(std::move(*image));
            return success();
        });
        if (!s.ok())
            return s;
    }

    auto snapshotters = bucket.bucket("snapshots");
    if (!snapshotters.ok())
        return snapshotters.error();
    if (!*snapshotters)
        return success();
    return (*snapshotters)->forEach([&](const BoltEntry &sn) -> Status {
        if (!sn.isBucket())
            return success();
        const QString snapshotter = QString::fromUtf8(sn.key);
        return sn.bucket->forEach([&](const BoltEntry &e) -> Status {
            if (!e.isBucket())
                return success();
            auto ref = readSnapshot(ns, snapshotter, e);
            if (!ref.ok())
                return ref.error();
            m_snapshots.append(std::move(*ref));
            return success();
        });
    });
}

QList<ImageRecord> MetadataDb::images(const QString &namespaceName) const
{
    QList<ImageRecord> out;
    for (const auto &i : m_images) {
        if (i.namespaceName == namespaceName)
            out.append(i);
    }
    return out;
}

QStringList MetadataDb::snapshotters(const QString &namespaceName) const
{
    QStringList out;
    for (const auto &s : m_snapshots) {
        if (s.namespaceName == namespaceName && !out.contains(s.snapshotter))
            out.append(s.snapshotter);
    }
    return out;
}

QList<SnapshotRef> MetadataDb::snapshots(const QString &namespaceName, const QString &snapshotter) const
{
    QList<SnapshotRef> out;
    for (const auto &s : m_snapshots) {
        if (s.namespaceName == namespaceName && (snapshotter.isEmpty() || s.snapshotter == snapshotter))
            out.append(s);
    }
    return out;
}

} // namespace strata
