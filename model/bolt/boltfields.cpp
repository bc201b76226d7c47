#include "bolt/boltfields.h"

#include "bolt/boltentry.h"
#include "bolt/goencoding.h"

namespace strata {

Error BoltFields::fieldError(const char *key, const Error &e) const
{
    return Error{e.code, QStringLiteral("bucket %1, field %2: %3").arg(m_bucket.path(), QLatin1String(key), e.message)};
}

Result<std::optional<QByteArray>> BoltFields::raw(const char *key) const
{
    auto v = m_bucket.get(key);
    if (!v.ok())
        return fieldError(key, v.error());
    return v;
}

Result<QString> BoltFields::text(const char *key) const
{
    auto v = raw(key);
    if (!v.ok())
        return v.error();
    return *v ? QString::fromUtf8(**v) : QString();
}

Result<QMap<QString, QString>> BoltFields::map(const char *bucketName) const
{
    QMap<QString, QString> out;
    auto b = m_bucket.bucket(bucketName);
    if (!b.ok())
        return fieldError(bucketName, b.error());
    if (!*b)
        return out;
    auto s = (*b)->forEach([&](const BoltEntry &e) {
        if (!e.isBucket())
            out.insert(QString::fromUtf8(e.key), QString::fromUtf8(e.value));
        return success();
    });
    if (!s.ok())
        return fieldError(bucketName, s.error());
    return out;
}

Result<QDateTime> BoltFields::time(const char *key) const
{
    auto v = raw(key);
    if (!v.ok())
        return v.error();
    if (!*v)
        return QDateTime();
    auto t = GoEncoding::time(**v);
    if (!t.ok())
        return fieldError(key, t.error());
    return t;
}

Result<quint64> BoltFields::uvarint(const char *key) const
{
    auto v = raw(key);
    if (!v.ok())
        return v.error();
    if (!*v)
        return quint64(0);
    auto n = GoEncoding::uvarint(**v);
    if (!n.ok())
        return fieldError(key, n.error());
    return n;
}

Result<qint64> BoltFields::varint(const char *key) const
{
    auto v = raw(key);
    if (!v.ok())
        return v.error();
    if (!*v)
        return qint64(0);
    auto n = GoEncoding::varint(**v);
    if (!n.ok())
        return fieldError(key, n.error());
    return n;
}

} // namespace strata
