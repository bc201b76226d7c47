#pragma once

#include "bolt/boltbucket.h"
#include "core/result.h"

#include <optional>
#include <vector>

namespace strata {

// Walks every bucket and page reachable from the root once, like `bbolt check`, before anyone
// navigates the file. A page reached twice means a cycle or a shared subtree: with that ruled
// out here, every later walk over the file is a plain tree walk, bounded by the file size.
class BoltChecker
{
public:
    struct Stats
    {
        qint64 buckets = 0; // the root included
        qint64 inlineBuckets = 0;
        qint64 keys = 0;    // leaf entries, buckets included
        qint64 branchPages = 0;
        qint64 leafPages = 0;
        qint64 overflowPages = 0;
    };

    explicit BoltChecker(const BoltFile &file);

    Status check(const BoltBucket &root);
    const Stats &stats() const { return m_stats; }

private:
    Status checkBucket(const BoltBucket &bucket);
    Status checkTree(const BoltBucket &bucket, const BoltPage &page, int depth, std::optional<QByteArrayView> &lastKey);
    Status mark(const BoltPage &page);

    const BoltFile &m_file;
    std::vector<bool> m_seen;
    Stats m_stats;
};

} // namespace strata
