#include "archive/archiveingest.h"

#include "client/contentservice.h"
#include "client/contentwriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

namespace strata {

namespace {

// As containerd's importer: the layout documents are small, and a bigger one is not one.
constexpr qint64 kDocumentLimit = 20 * 1024 * 1024;
constexpr qsizetype kChunk = 1024 * 1024;
constexpr qsizetype kHead = 8;

struct ArchiveFree
{
    void operator()(archive *a) const { archive_read_free(a); }
};

QString libarchiveError(archive *a)
{
    const char *text = archive_error_string(a);
    return text ? QString::fromLocal8Bit(text) : QStringLiteral("unreadable");
}

QString cleanPath(const QString &raw)
{
    QString path = QDir::cleanPath(raw);
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    return path;
}

// blobs/sha256/<hex>: the digest the file must have.
QString digestOfPath(const QString &path)
{
    static const QRegularExpression blob(QStringLiteral("^blobs/(sha256|sha512)/([0-9a-f]+)$"));
    const auto m = blob.match(path);
    return m.hasMatch() ? m.captured(1) + QLatin1Char(':') + m.captured(2) : QString();
}

Result<QByteArray> readDocument(archive *a, const QString &path, qint64 size)
{
    if (size > kDocumentLimit)
        return Error{Error::Corrupt, QStringLiteral("%1 is %2 bytes, too big for what it should be").arg(path).arg(size)};
    QByteArray bytes(size, Qt::Uninitialized);
    if (archive_read_data(a, bytes.data(), size_t(size)) != la_ssize_t(size))
        return Error{Error::Corrupt, QStringLiteral("%1 is cut short: %2").arg(path, libarchiveError(a))};
    return bytes;
}

Result<QString> layoutVersion(const QByteArray &bytes)
{
    try {
        const auto json = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
        return QString::fromStdString(json.at("imageLayoutVersion").get<std::string>());
    } catch (const nlohmann::json::exception &e) {
        return Error{Error::Corrupt, QStringLiteral("oci-layout is not an OCI layout file: %1").arg(QString::fromUtf8(e.what()))};
    }
}

} // namespace

ArchiveIngest::ArchiveIngest(std::shared_ptr<const Client> client, QString lease)
    : m_client(std::move(client))
    , m_lease(std::move(lease))
{
}

Result<ArchiveContents> ArchiveIngest::read(const QString &file, const std::atomic_bool *cancel, const Progress &progress) const
{
    std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    const auto broken = [&file](const QString &why) {
        return Error{Error::Corrupt, QStringLiteral("%1 is not a whole image archive: %2").arg(file, why)};
    };
    if (archive_read_open_filename(a.get(), QFile::encodeName(file).constData(), 64 * 1024) != ARCHIVE_OK) {
        // libarchive reads the start of the file to pick a format: a readable file it opens
        // not is no archive it knows.
        if (QFileInfo(file).isReadable())
            return broken(libarchiveError(a.get()));
        return Error{Error::Io, QStringLiteral("cannot read %1: %2").arg(file, libarchiveError(a.get()))};
    }
    const qint64 total = QFileInfo(file).size();
    ArchiveContents out;
    QHash<QString, QString> links;
    int entries = 0;
    for (;;) {
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(a.get(), &entry);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return broken(entries == 0 ? libarchiveError(a.get())
                                       : QStringLiteral("after %1 entries: %2").arg(entries).arg(libarchiveError(a.get())));
        ++entries;
        const QString path = cleanPath(QString::fromUtf8(archive_entry_pathname(entry)));
        // docker save links a layer shared by two images instead of writing it twice.
        if (const char *hard = archive_entry_hardlink(entry)) {
            links.insert(path, cleanPath(QString::fromUtf8(hard)));
            continue;
        }
        if (archive_entry_filetype(entry) == AE_IFLNK) {
            links.insert(path, cleanPath(QFileInfo(path).path() + QLatin1Char('/') + QString::fromUtf8(archive_entry_symlink(entry))));
            continue;
        }
        if (archive_entry_filetype(entry) != AE_IFREG)
            continue;
        const qint64 size = archive_entry_size(entry);
        if (path == QLatin1String("oci-layout") || path == QLatin1String("index.json") || path == QLatin1String("manifest.json")) {
            auto bytes = readDocument(a.get(), path, size);
            if (!bytes)
                return broken(bytes.error().message);
            if (path == QLatin1String("index.json"))
                out.index = *bytes;
            else if (path == QLatin1String("manifest.json"))
                out.dockerManifest = *bytes;
            else if (auto version = layoutVersion(*bytes); version)
                out.layoutVersion = *version;
            else
                return broken(version.error().message);
            continue;
        }
        auto blob = store(a.get(), path, size, cancel);
        if (!blob)
            return blob.error().is(Error::Corrupt) ? broken(blob.error().message) : blob.error();
        out.blobs.insert(path, *blob);
        if (progress)
            progress(archive_filter_bytes(a.get(), -1), total);
    }
    if (entries == 0)
        return broken(QStringLiteral("it holds no files"));
    for (auto it = links.cbegin(); it != links.cend(); ++it) {
        if (out.blobs.contains(it.value()))
            out.blobs.insert(it.key(), out.blobs.value(it.value()));
    }
    return out;
}

Result<ArchiveContents::Blob> ArchiveIngest::store(archive *a, const QString &path, qint64 size, const std::atomic_bool *cancel) const
{
    ArchiveContents::Blob blob{digestOfPath(path), size, QByteArray(kHead, Qt::Uninitialized)};
    const ContentService content(m_client);
    const auto skip = [&]() -> Result<ArchiveContents::Blob> {
        const la_ssize_t got = archive_read_data(a, blob.head.data(), size_t(std::min<qint64>(kHead, size)));
        if (got < 0)
            return Error{Error::Corrupt, QStringLiteral("%1: %2").arg(path, libarchiveError(a))};
        blob.head.truncate(got);
        return blob;
    };
    // Known already (an earlier import, a pull): the store's copy was checked when it came in.
    if (!blob.digest.isEmpty()) {
        if (auto info = content.info(blob.digest); info && info->size == size)
            return skip();
    }
    static std::atomic_int serial = 0;
    const QString ref = QStringLiteral("%1-%2").arg(m_lease).arg(++serial);
    auto writer = ContentWriter::open(m_client, ref, size, blob.digest, m_lease);
    if (!writer)
        return writer.error().is(Error::AlreadyExists) ? skip() : Result<ArchiveContents::Blob>(writer.error());
    const auto fail = [&](Error error) -> Result<ArchiveContents::Blob> {
        writer->reset();
        content.abort(ref);
        return error;
    };
    // A blob another namespace holds counts as written already: the store copies its own
    // bytes before any that come after them.
    const qint64 held = (*writer)->offset();
    if (held == size) {
        auto known = skip();
        if (!known)
            return fail(known.error());
        if (auto committed = (*writer)->commit({}); !committed && !committed.error().is(Error::AlreadyExists))
            return fail(committed.error());
        return known;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray chunk(kChunk, Qt::Uninitialized);
    qint64 done = 0;
    for (;;) {
        if (cancel && *cancel)
            return fail(Error{Error::Cancelled, {}});
        const la_ssize_t got = archive_read_data(a, chunk.data(), size_t(chunk.size()));
        if (got < 0)
            return fail(Error{Error::Corrupt, QStringLiteral("%1: %2").arg(path, libarchiveError(a))});
        if (got == 0)
            break;
        if (done < kHead)
            std::copy_n(chunk.constData(), std::min<qint64>(kHead - done, got), blob.head.data() + done);
        const QByteArrayView data(chunk.constData(), got);
        if (blob.digest.isEmpty())
            hash.addData(data);
        if (const qint64 from = std::max<qint64>(0, held - done); from < got) {
            if (auto written = (*writer)->write(data.sliced(from)); !written)
                return fail(written.error());
        }
        done += got;
    }
    if (done != size)
        return fail(Error{Error::Corrupt, QStringLiteral("%1 is cut short (%2 of %3 bytes)").arg(path).arg(done).arg(size)});
    blob.head.truncate(std::min<qint64>(kHead, size));
    if (blob.digest.isEmpty())
        blob.digest = QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());
    auto committed = (*writer)->commit({});
    if (committed || committed.error().is(Error::AlreadyExists))
        return blob;
    if (committed.error().is(Error::DataLoss) || committed.error().is(Error::FailedPrecondition))
        return fail(Error{Error::Corrupt, QStringLiteral("%1 does not hold what its name says (%2)").arg(path, committed.error().message)});
    return fail(committed.error());
}

} // namespace strata
