#include "bolt/boltreader.h"

#include <QFile>

namespace strata {

namespace {

// Read at once: both meta pages at every page size up to 32 KiB.
constexpr qint64 kMetaPrefix = 64 * 1024;

Error withOrigin(const QString &origin, Error e)
{
    if (!origin.isEmpty())
        e.message = origin + QStringLiteral(": ") + e.message;
    return e;
}

// Meta 0 sits at offset 0 and tells the page size, which locates meta 1. When meta 0 is
// unreadable, meta 1 is searched at the page sizes bbolt itself tries (1 KiB .. 16 MiB).
Result<BoltMeta> chooseMeta(QByteArrayView bytes)
{
    auto meta0 = BoltMeta::parse(bytes, 0);
    std::optional<Result<BoltMeta>> meta1;
    if (meta0.ok()) {
        meta1 = BoltMeta::parse(bytes, meta0->pageSize);
    } else {
        for (int shift = 0; shift <= 14; ++shift) {
            auto candidate = BoltMeta::parse(bytes, qint64(1024) << shift);
            if (candidate.ok() && candidate->pageSize == quint32(1024u << shift)) {
                meta1 = std::move(candidate);
                break;
            }
        }
    }
    const bool ok0 = meta0.ok();
    const bool ok1 = meta1 && meta1->ok();
    if (ok0 && ok1) {
        if ((*meta1)->pageSize != meta0->pageSize) {
            return Error{Error::Corrupt, QStringLiteral("meta pages disagree on the page size (%1 and %2)")
                                             .arg(meta0->pageSize)
                                             .arg((*meta1)->pageSize)};
        }
        return (*meta1)->txid > meta0->txid ? meta1->value() : meta0.value();
    }
    if (ok0)
        return meta0;
    if (ok1)
        return meta1->value();
    const QString second = meta1 ? meta1->error().message
                                 : QStringLiteral("meta page 1 not found at any page size");
    return Error{Error::Corrupt, QStringLiteral("no valid meta page (%1; %2)").arg(meta0.error().message, second)};
}

Result<QByteArray> readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, f.errorString())};
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, f.errorString())};
    return bytes;
}

// True when the file still starts with the same meta pages as `copy`, i.e. no transaction
// committed while the copy was taken (bbolt writes data pages first, the meta page last).
bool metasUnchanged(const QString &path, const QByteArray &copy, quint32 pageSize)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    for (qint64 offset : {qint64(0), qint64(pageSize)}) {
        const qint64 n = BoltMeta::PageHeaderSize + BoltMeta::Size;
        if (!f.seek(offset))
            return false;
        if (f.read(n) != copy.mid(offset, n))
            return false;
    }
    return true;
}

} // namespace

Result<BoltReader> BoltReader::build(std::shared_ptr<BoltFile> file, QByteArrayView metaBytes)
{
    auto meta = chooseMeta(metaBytes);
    if (!meta.ok())
        return withOrigin(file->origin, meta.error());
    file->pageSize = meta->pageSize;
    file->highWater = meta->highWater;

    BoltReader reader;
    reader.m_file = file;
    reader.m_meta = *meta;
    BoltChecker checker(*file);
    if (auto s = checker.check(reader.root()); !s.ok())
        return withOrigin(file->origin, s.error());
    reader.m_stats = checker.stats();
    return reader;
}

Result<BoltReader> BoltReader::fromBytes(QByteArray bytes, const QString &origin)
{
    auto file = std::make_shared<BoltFile>();
    file->bytes = std::move(bytes);
    file->origin = origin;
    return build(file, file->bytes);
}

Result<BoltReader> BoltReader::openSparse(const QString &path)
{
    auto source = BoltPageSource::open(path, kMetaPrefix);
    if (!source)
        return source.error();
    auto file = std::make_shared<BoltFile>();
    file->bytes = (*source)->bytes();
    file->origin = path;
    file->source = *source;
    qint64 known = (*source)->loadedPrefix();
    // Meta 1 sits one page in; with pages larger than the prefix covers, read it too.
    if (auto meta0 = BoltMeta::parse(QByteArrayView(file->bytes).first(known), 0); meta0.ok() && 2 * qint64(meta0->pageSize) > known) {
        known = std::min<qint64>(2 * qint64(meta0->pageSize), file->bytes.size());
        if (auto s = (*source)->load(0, known); !s)
            return s.error();
    }
    auto reader = build(file, QByteArrayView(file->bytes).first(known));
    (*source)->close(); // the check walked every page a caller can reach
    return reader;
}

Result<BoltReader> BoltReader::open(const QString &path)
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        auto sparse = openSparse(path);
        if (sparse.ok()) {
            if (metasUnchanged(path, sparse->m_file->bytes, sparse->m_meta.pageSize))
                return sparse;
            continue;
        }
        if (sparse.error().is(Error::Io))
            return sparse.error();
        break;
    }

    std::optional<Error> last;
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        auto bytes = readAll(path);
        if (!bytes.ok())
            return bytes.error();
        const QByteArray copy = *bytes;
        auto reader = fromBytes(std::move(*bytes), path);
        if (reader.ok()) {
            if (metasUnchanged(path, copy, reader->m_meta.pageSize))
                return reader;
            continue;
        }
        // A torn copy looks corrupt; it is only really corrupt if the file holds still.
        last = reader.error();
        auto again = readAll(path);
        if (again.ok() && *again == copy)
            return reader;
    }
    if (last)
        return *last;
    return Error{Error::Aborted, QStringLiteral("%1: changed on every one of %2 reads").arg(path).arg(MaxAttempts)};
}

BoltBucket BoltReader::root() const
{
    return BoltBucket::rootOf(m_file, m_meta.rootPage, m_meta.rootSequence);
}

} // namespace strata
