#include "bolt/boltfields.h"

#include "bolt/goencoding.h"

namespace strata {

Result<BoltFields> BoltFields::read(const BoltBucket &bucket)
{
    BoltFields f;
    f.m_bucket = bucket;
    f.m_fields.reserve(12); // containerd's object buckets have about ten fields
    auto root = bucket.rootPageView();
    if (!root.ok())
        return root.error();
    auto s = bucket.walk(*root, 0, [&](const BoltPage::Element &e) {
        f.m_fields.append({e.key, e.value, e.isBucket});
        return success();
    });
    if (!s.ok())
        return s.error();
    return f;
}

Error BoltFields::fieldError(const char *key, const Error &e) const
{
    return Error{e.code, QStringLiteral("bucket %1, field %2: %3").arg(m_bucket.path(), QLatin1String(key), e.message)};
}

const BoltFields::Field *BoltFields::field(const char *key) const
{
    const QByteArrayView k(key);
    for (const Field &f : m_fields) {
        if (f.key == k)
            return &f;
    }
    return nullptr;
}

std::optional<QByteArrayView> BoltFields::value(const char *key) const
{
    const Field *f = field(key);
    if (!f || f->isBucket)
        return std::nullopt;
    return f->value;
}

Result<QString> BoltFields::text(const char *key) const
{
    const auto v = value(key);
    return v ? QString::fromUtf8(*v) : QString();
}

Result<QMap<QString, QString>> BoltFields::map(const char *bucketName) const
{
    QMap<QString, QString> out;
    const Field *f = field(bucketName);
    if (!f || !f->isBucket)
        return out;
    auto b = m_bucket.child(f->key, f->value);
    if (!b.ok())
        return fieldError(bucketName, b.error());
    auto s = b->forEachView([&](QByteArrayView key, QByteArrayView value, const BoltBucket *child) {
        if (!child)
            out.insert(QString::fromUtf8(key), QString::fromUtf8(value));
        return success();
    });
    if (!s.ok())
        return fieldError(bucketName, s.error());
    return out;
}

Result<QDateTime> BoltFields::time(const char *key) const
{
    const auto v = value(key);
    if (!v)
        return QDateTime();
    auto t = GoEncoding::time(*v);
    if (!t.ok())
        return fieldError(key, t.error());
    return t;
}

Result<quint64> BoltFields::uvarint(const char *key) const
{
    const auto v = value(key);
    if (!v)
        return quint64(0);
    auto n = GoEncoding::uvarint(*v);
    if (!n.ok())
        return fieldError(key, n.error());
    return n;
}

Result<qint64> BoltFields::varint(const char *key) const
{
    const auto v = value(key);
    if (!v)
        return qint64(0);
    auto n = GoEncoding::varint(*v);
    if (!n.ok())
        return fieldError(key, n.error());
    return n;
}

} // namespace strata
