#pragma once

#include "bolt/boltbucket.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace strata {

// Reads the fields containerd's boltutil writes into an object bucket (labels sub-bucket,
// createdat/updatedat times, varint numbers). One walk over the bucket collects them, which
// is several times cheaper than a lookup per field. Errors name the bucket and the field.
class BoltFields
{
public:
    static Result<BoltFields> read(const BoltBucket &bucket);

    Result<QString> text(const char *key) const;                      // "" when absent
    Result<QMap<QString, QString>> map(const char *bucketName) const; // empty when absent
    Result<QDateTime> time(const char *key) const;                    // invalid when absent
    Result<quint64> uvarint(const char *key) const;                   // 0 when absent
    Result<qint64> varint(const char *key) const;                     // 0 when absent
    // The raw value of a plain key; nullopt when absent or a bucket.
    std::optional<QByteArrayView> value(const char *key) const;

private:
    struct Field
    {
        QByteArrayView key;   // views into the file, kept alive by m_bucket
        QByteArrayView value;
        bool isBucket = false;
    };

    const Field *field(const char *key) const;
    Error fieldError(const char *key, const Error &e) const;

    BoltBucket m_bucket;
    QList<Field> m_fields;
};

} // namespace strata
