#include "bolt/boltbucket.h"

#include "bolt/boltentry.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace strata {

namespace {

Error corrupt(const QString &what)
{
    return Error{Error::Corrupt, what};
}

int compareKeys(QByteArrayView a, QByteArrayView b)
{
    const int n = std::memcmp(a.data(), b.data(), size_t(std::min(a.size(), b.size())));
    if (n != 0)
        return n;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

} // namespace

QString BoltBucket::displayKey(QByteArrayView key)
{
    for (char c : key) {
        if (c < 0x20 || c > 0x7e)
            return QStringLiteral("0x") + QString::fromLatin1(key.toByteArray().toHex());
    }
    return QString::fromLatin1(key.data(), key.size());
}

QString BoltBucket::path() const
{
    QStringList parts;
    for (const Name *n = m_name.get(); n; n = n->parent.get())
        parts.prepend(displayKey(n->key));
    return parts.join(QLatin1Char('/'));
}

BoltBucket BoltBucket::rootOf(std::shared_ptr<const BoltFile> file, quint64 root, quint64 sequence)
{
    BoltBucket b;
    b.m_file = std::move(file);
    b.m_root = root;
    b.m_sequence = sequence;
    return b;
}

Result<BoltBucket> BoltBucket::child(QByteArrayView name, QByteArrayView value) const
{
    BoltBucket b;
    b.m_file = m_file;
    b.m_name = std::make_shared<const Name>(Name{m_name, name});
    b.m_depth = m_depth + 1;
    if (b.m_depth > MaxDepth)
        return corrupt(QStringLiteral("bucket %1: nested deeper than %2 levels").arg(b.path()).arg(MaxDepth));
    if (value.size() < 16)
        return corrupt(QStringLiteral("bucket %1: header of %2 bytes, need 16").arg(b.path()).arg(value.size()));
    const auto *p = reinterpret_cast<const uchar *>(value.data());
    b.m_root = qFromLittleEndian<quint64>(p);
    b.m_sequence = qFromLittleEndian<quint64>(p + 8);
    if (b.m_root == 0)
        b.m_value = value;
    return b;
}

Error BoltBucket::located(const Error &e) const
{
    const QString bucket = path().isEmpty() ? QStringLiteral("root bucket") : QStringLiteral("bucket ") + path();
    return corrupt(QStringLiteral("%1: %2").arg(bucket, e.message));
}

Result<BoltPage> BoltBucket::rootPageView() const
{
    if (!m_file)
        return corrupt(QStringLiteral("bucket has no file"));
    if (m_root != 0) {
        auto page = m_file->page(m_root);
        if (!page.ok())
            return located(page.error());
        return page;
    }
    auto page = BoltPage::inlineIn(m_value);
    if (!page.ok())
        return located(page.error());
    return page;
}

Status BoltBucket::walk(const BoltPage &page, int depth, const std::function<Status(const BoltPage::Element &)> &fn) const
{
    if (depth > MaxDepth)
        return corrupt(QStringLiteral("%1: tree deeper than %2 levels").arg(page.where()).arg(MaxDepth));
    for (int i = 0; i < page.count(); ++i) {
        auto e = page.element(i);
        if (!e.ok())
            return located(e.error());
        if (page.isLeaf()) {
            if (auto s = fn(*e); !s.ok())
                return s;
            continue;
        }
        auto childPage = m_file->page(e->child);
        if (!childPage.ok())
            return corrupt(QStringLiteral("%1, branch element %2: %3").arg(page.where()).arg(i).arg(childPage.error().message));
        if (auto s = walk(*childPage, depth + 1, fn); !s.ok())
            return s;
    }
    return success();
}

Result<BoltBucket::Found> BoltBucket::find(QByteArrayView key) const
{
    auto page = rootPageView();
    if (!page.ok())
        return page.error();
    for (int depth = 0; page->isBranch(); ++depth) {
        if (depth > MaxDepth || page->count() == 0)
            return corrupt(QStringLiteral("%1: branch page that is empty or too deep").arg(page->where()));
        // The last element whose key is <= the wanted key leads to the page that can hold it.
        int lo = 0;
        int hi = page->count() - 1;
        while (lo < hi) {
            const int mid = (lo + hi + 1) / 2;
            auto e = page->element(mid);
            if (!e.ok())
                return located(e.error());
            if (compareKeys(e->key, key) <= 0)
                lo = mid;
            else
                hi = mid - 1;
        }
        auto e = page->element(lo);
        if (!e.ok())
            return located(e.error());
        auto child = m_file->page(e->child);
        if (!child.ok())
            return corrupt(QStringLiteral("%1, branch element %2: %3").arg(page->where()).arg(lo).arg(child.error().message));
        page = std::move(child);
    }
    int lo = 0;
    int hi = page->count();
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        auto e = page->element(mid);
        if (!e.ok())
            return located(e.error());
        const int c = compareKeys(e->key, key);
        if (c == 0)
            return Found{*e, true};
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return Found{};
}

Result<std::optional<QByteArray>> BoltBucket::get(QByteArrayView key) const
{
    auto f = find(key);
    if (!f.ok())
        return f.error();
    if (!f->found || f->element.isBucket)
        return std::optional<QByteArray>{};
    return std::optional<QByteArray>{f->element.value.toByteArray()};
}

Result<std::optional<BoltBucket>> BoltBucket::bucket(QByteArrayView name) const
{
    auto f = find(name);
    if (!f.ok())
        return f.error();
    if (!f->found || !f->element.isBucket)
        return std::optional<BoltBucket>{};
    auto b = child(name, f->element.value);
    if (!b.ok())
        return b.error();
    return std::optional<BoltBucket>{std::move(*b)};
}

Status BoltBucket::forEach(const std::function<Status(const BoltEntry &)> &fn) const
{
    auto page = rootPageView();
    if (!page.ok())
        return page.error();
    return walk(*page, 0, [&](const BoltPage::Element &e) -> Status {
        BoltEntry entry;
        entry.key = e.key.toByteArray();
        if (e.isBucket) {
            auto b = child(e.key, e.value);
            if (!b.ok())
                return b.error();
            entry.bucket = std::move(*b);
        } else {
            entry.value = e.value.toByteArray();
        }
        return fn(entry);
    });
}

Status BoltBucket::forEachView(const std::function<Status(QByteArrayView, QByteArrayView, const BoltBucket *)> &fn) const
{
    auto page = rootPageView();
    if (!page.ok())
        return page.error();
    return walk(*page, 0, [&](const BoltPage::Element &e) -> Status {
        if (!e.isBucket)
            return fn(e.key, e.value, nullptr);
        auto b = child(e.key, e.value);
        if (!b.ok())
            return b.error();
        return fn(e.key, {}, &*b);
    });
}

Result<QList<BoltEntry>> BoltBucket::entries() const
{
    QList<BoltEntry> out;
    auto s = forEach([&](const BoltEntry &e) {
        out.append(e);
        return success();
    });
    if (!s.ok())
        return s.error();
    return out;
}

} // namespace strata
