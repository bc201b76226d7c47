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

constexpr qint64 kMetaBytes = BoltMeta::PageHeaderSize + BoltMeta::Size;

// Meta 0 sits at offset 0 and tells the page size, which locates meta 1. When meta 0 is
// unreadable, meta 1 is searched at the page sizes bbolt itself tries (1 KiB .. 16 MiB).
std::vector<qint64> metaOneOffsets(const Result<BoltMeta> &meta0)
{
    if (meta0.ok())
        return {qint64(meta0->pageSize)};
    std::vector<qint64> offsets;
    for (int shift = 0; shift <= 14; ++shift)
        offsets.push_back(qint64(1024) << shift);
    return offsets;
}

Result<BoltMeta> chooseMeta(QByteArrayView bytes)
{
    auto meta0 = BoltMeta::parse(bytes, 0);
    std::optional<Result<BoltMeta>> meta1;
    for (qint64 offset : metaOneOffsets(meta0)) {
        auto candidate = BoltMeta::parse(bytes, offset);
        if (meta0.ok() || (candidate.ok() && candidate->pageSize == quint64(offset))) {
            meta1 = std::move(candidate);
            break;
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

// The bytes a commit always rewrites (a meta page): equal before and after a read that found
// damage means the damage is in the file, not a commit that happened during the read.
QByteArray metaFingerprint(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = f.read(kMetaPrefix);
    if (auto meta0 = BoltMeta::parse(bytes, 0); meta0.ok() && meta0->pageSize + kMetaBytes > kMetaPrefix && f.seek(meta0->pageSize))
        bytes += f.read(kMetaBytes);
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
        if (!f.seek(offset))
            return false;
        if (f.read(kMetaBytes) != copy.mid(offset, kMetaBytes))
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
    // Meta 1 sits one page in, or where chooseMeta looks for it; beyond the prefix only those
    // few bytes are read, so a damaged file of any size costs a few pages.
    const auto meta0 = BoltMeta::parse(QByteArrayView(file->bytes).first((*source)->loadedPrefix()), 0);
    for (qint64 offset : metaOneOffsets(meta0)) {
        if (offset >= file->bytes.size())
            break;
        if (auto s = (*source)->load(offset, kMetaBytes); !s)
            return s.error();
    }
    auto reader = build(file, file->bytes);
    (*source)->close(); // the check walked every page a caller can reach
    return reader;
}

Result<BoltReader> BoltReader::open(const QString &path)
{
    std::optional<Error> last;
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        const QByteArray before = metaFingerprint(path);
        auto reader = openSparse(path);
        if (reader.ok()) {
            if (metasUnchanged(path, reader->m_file->bytes, reader->m_meta.pageSize))
                return reader;
            continue;
        }
        if (reader.error().is(Error::Io))
            return reader.error();
        // A torn copy looks corrupt; it is only really corrupt if the file held still.
        if (metaFingerprint(path) == before)
            return reader.error();
        last = reader.error();
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
