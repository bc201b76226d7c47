#include "bolt/boltchecker.h"

#include <algorithm>

namespace strata {

namespace {

Error corrupt(const QString &what)
{
    return Error{Error::Corrupt, what};
}

} // namespace

BoltChecker::BoltChecker(const BoltFile &file)
    : m_file(file)
    , m_seen(size_t(std::min<quint64>(file.highWater, quint64(file.bytes.size()) / file.pageSize)), false)
{
}

Status BoltChecker::check(const BoltBucket &root)
{
    return checkBucket(root);
}

Status BoltChecker::mark(const BoltPage &page)
{
    // BoltPage::inFile already proved id + overflow lies inside the file and below highWater.
    for (quint64 id = page.id(); id <= page.id() + page.overflow(); ++id) {
        if (m_seen[size_t(id)])
            return corrupt(QStringLiteral("%1 is reached twice (a cycle or a shared subtree)").arg(page.where()));
        m_seen[size_t(id)] = true;
    }
    ++(page.isBranch() ? m_stats.branchPages : m_stats.leafPages);
    m_stats.overflowPages += page.overflow();
    return success();
}

Status BoltChecker::checkBucket(const BoltBucket &bucket)
{
    ++m_stats.buckets;
    auto root = bucket.rootPageView();
    if (!root.ok())
        return root.error();
    if (bucket.rootPage() == 0) {
        ++m_stats.inlineBuckets;
    } else if (auto s = mark(*root); !s.ok()) {
        return s;
    }
    std::optional<QByteArrayView> lastKey;
    return checkTree(bucket, *root, 0, lastKey);
}

Status BoltChecker::checkTree(const BoltBucket &bucket, const BoltPage &page, int depth, std::optional<QByteArrayView> &lastKey)
{
    if (depth > BoltBucket::MaxDepth)
        return corrupt(QStringLiteral("%1: tree deeper than %2 levels").arg(page.where()).arg(BoltBucket::MaxDepth));
    if (page.isBranch() && page.count() == 0)
        return corrupt(QStringLiteral("%1: branch page without elements").arg(page.where()));
    for (int i = 0; i < page.count(); ++i) {
        auto e = page.element(i);
        if (!e.ok())
            return bucket.located(e.error());
        if (page.isBranch()) {
            auto child = m_file.page(e->child);
            if (!child.ok()) {
                return corrupt(QStringLiteral("%1, branch element %2: %3")
                                   .arg(page.where())
                                   .arg(i)
                                   .arg(child.error().message));
            }
            if (auto s = mark(*child); !s.ok())
                return s;
            if (auto s = checkTree(bucket, *child, depth + 1, lastKey); !s.ok())
                return s;
            continue;
        }
        ++m_stats.keys;
        // Lookups binary-search, so keys out of order would silently hide entries.
        if (lastKey && lastKey->compare(e->key) >= 0) {
            return bucket.located(corrupt(QStringLiteral("%1, element %2: key %3 is not after %4")
                                              .arg(page.where())
                                              .arg(i)
                                              .arg(BoltBucket::displayKey(e->key), BoltBucket::displayKey(*lastKey))));
        }
        lastKey = e->key;
        if (e->isBucket) {
            auto child = bucket.child(e->key, e->value);
            if (!child.ok())
                return child.error();
            if (auto s = checkBucket(*child); !s.ok())
                return s;
        }
    }
    return success();
}

} // namespace strata
