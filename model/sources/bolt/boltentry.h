#pragma once

#include "bolt/boltbucket.h"

#include <QByteArray>

#include <optional>

namespace strata {

// One key of a bucket: a plain value, or a nested bucket (then `value` is empty).
struct BoltEntry
{
    QByteArray key;
    QByteArray value;
    std::optional<BoltBucket> bucket;

    bool isBucket() const { return bucket.has_value(); }
};

} // namespace strata
