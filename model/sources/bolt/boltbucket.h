#pragma once

#include "bolt/boltfile.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace strata {

struct BoltEntry;

// A read-only bucket of an opened bbolt file: ordered keys whose values are either bytes or
// nested buckets. Cheap to copy; keeps the file's bytes alive. All lookups are bounds-checked
// and return Error::Corrupt naming the page when the file lies.
class BoltBucket
{
public:
    // bbolt nests at most a handful of levels; anything deeper is a crafted file.
    static constexpr int MaxDepth = 64;

    BoltBucket() = default; // empty, with no file

    quint64 sequence() const { return m_sequence; }
    quint64 rootPage() const { return m_root; } // 0 for a bucket stored inline in its parent
    // "v1/snapshots/<key>" for messages; "" for the root bucket.
    QString path() const;

    // The value of a plain key; nullopt when absent or when the key names a bucket.
    Result<std::optional<QByteArray>> get(QByteArrayView key) const;
    // The nested bucket `name`; nullopt when absent or when the key holds a plain value.
    Result<std::optional<BoltBucket>> bucket(QByteArrayView name) const;
    // Every entry in key order; stops at the first error the callback or the file returns.
    Status forEach(const std::function<Status(const BoltEntry &)> &fn) const;
    Result<QList<BoltEntry>> entries() const;
    // forEach without copies, for bulk decoders: `key` and `value` point into the file's bytes
    // and stay valid while this bucket (or any copy of it) lives; `child` is set for buckets.
    Status forEachView(const std::function<Status(QByteArrayView key, QByteArrayView value, const BoltBucket *child)> &fn) const;

    // A key as text for messages: printable ASCII as is, anything else as hex.
    static QString displayKey(QByteArrayView key);

private:
    friend class BoltReader;
    friend class BoltChecker;
    friend class BoltFields;

    struct Found
    {
        BoltPage::Element element;
        bool found = false;
    };

    static BoltBucket rootOf(std::shared_ptr<const BoltFile> file, quint64 root, quint64 sequence);
    // Opens the bucket whose 16-byte header (+ inline page) is `value`, a view into the file.
    Result<BoltBucket> child(QByteArrayView name, QByteArrayView value) const;
    Result<BoltPage> rootPageView() const;
    // Names this bucket in an error from one of its pages.
    Error located(const Error &e) const;
    Result<Found> find(QByteArrayView key) const;
    Status walk(const BoltPage &page, int depth, const std::function<Status(const BoltPage::Element &)> &fn) const;

    // The names leading to this bucket, shared with its children: building a path string for
    // every bucket opened would cost more than decoding it.
    struct Name
    {
        std::shared_ptr<const Name> parent;
        QByteArrayView key; // into m_file->bytes
    };

    std::shared_ptr<const BoltFile> m_file;
    std::shared_ptr<const Name> m_name;
    quint64 m_root = 0;
    quint64 m_sequence = 0;
    QByteArrayView m_value; // the bucket value inside m_file->bytes when inline
    int m_depth = 0;
};

} // namespace strata
