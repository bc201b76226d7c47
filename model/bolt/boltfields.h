#pragma once

#include "bolt/boltbucket.h"
#include "core/result.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// Reads the fields containerd's boltutil writes into an object bucket (labels sub-bucket,
// createdat/updatedat times, varint numbers). Errors name the bucket path and the field.
class BoltFields
{
public:
    explicit BoltFields(const BoltBucket &bucket) : m_bucket(bucket) {}

    Result<QString> text(const char *key) const;                  // "" when absent
    Result<QMap<QString, QString>> map(const char *bucketName) const; // empty when absent
    Result<QDateTime> time(const char *key) const;                // invalid when absent
    Result<quint64> uvarint(const char *key) const;               // 0 when absent
    Result<qint64> varint(const char *key) const;                 // 0 when absent

private:
    Result<std::optional<QByteArray>> raw(const char *key) const;
    Error fieldError(const char *key, const Error &e) const;

    const BoltBucket &m_bucket;
};

} // namespace strata
