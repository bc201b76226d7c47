#include "archive/layoutwriter.h"

#include "client/contentreader.h"

#include <QCryptographicHash>
#include <QFile>

#include <archive.h>
#include <archive_entry.h>

namespace strata {

LayoutWriter::LayoutWriter(std::shared_ptr<const Client> client)
    : m_client(std::move(client))
{
}

LayoutWriter::~LayoutWriter()
{
    if (m_archive)
        archive_write_free(m_archive);
}

Error LayoutWriter::failure(const QString &what) const
{
    const char *text = m_archive ? archive_error_string(m_archive) : nullptr;
    return Error{Error::Io, QStringLiteral("cannot write %1 (%2): %3").arg(m_file, what, text ? QString::fromLocal8Bit(text) : QStringLiteral("unknown error"))};
}

Status LayoutWriter::open(const QString &file)
{
    m_file = file;
    m_archive = archive_write_new();
    // pax where a name or size needs it, plain ustar otherwise: what Go's archive/tar (and so
    // ctr) writes, and what every tar reader takes.
    archive_write_set_format_pax_restricted(m_archive);
    if (archive_write_open_filename(m_archive, QFile::encodeName(file).constData()) != ARCHIVE_OK)
        return failure(QStringLiteral("open"));
    return success();
}

Status LayoutWriter::header(const QString &path, unsigned type, int mode, qint64 size)
{
    std::unique_ptr<archive_entry, void (*)(archive_entry *)> entry(archive_entry_new(), archive_entry_free);
    const QByteArray name = path.toUtf8();
    archive_entry_set_pathname(entry.get(), name.constData());
    archive_entry_set_filetype(entry.get(), type);
    archive_entry_set_perm(entry.get(), mode_t(mode));
    archive_entry_set_size(entry.get(), size);
    archive_entry_set_mtime(entry.get(), 0, 0);
    if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
        return failure(path);
    return success();
}

Status LayoutWriter::addDirectory(const QString &path)
{
    return header(path, AE_IFDIR, 0755, 0);
}

Status LayoutWriter::addFile(const QString &path, const QByteArray &bytes)
{
    if (auto written = header(path, AE_IFREG, 0644, bytes.size()); !written)
        return written;
    if (archive_write_data(m_archive, bytes.constData(), size_t(bytes.size())) != la_ssize_t(bytes.size()))
        return failure(path);
    return success();
}

Status LayoutWriter::addBlob(const QString &path, const QString &digest, qint64 size, const std::atomic_bool *cancel,
                             const Progress &progress)
{
    if (auto written = header(path, AE_IFREG, 0444, size); !written)
        return written;
    QCryptographicHash hash(digest.startsWith(QLatin1String("sha512:")) ? QCryptographicHash::Sha512 : QCryptographicHash::Sha256);
    ContentReader reader(m_client, digest);
    qint64 done = 0;
    for (;;) {
        if (cancel && *cancel)
            return Error{Error::Cancelled, QStringLiteral("the export was cancelled; %1 was not written").arg(m_file)};
        auto chunk = reader.next();
        if (!chunk)
            return chunk.error();
        if (chunk->isEmpty())
            break;
        if (done + chunk->size() > size)
            break;
        hash.addData(*chunk);
        if (archive_write_data(m_archive, chunk->constData(), size_t(chunk->size())) != la_ssize_t(chunk->size()))
            return failure(path);
        done += chunk->size();
        if (progress)
            progress(chunk->size());
    }
    const QString got = digest.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':') + QString::fromLatin1(hash.result().toHex());
    if (done != size || got != digest)
        return Error{Error::DataLoss, QStringLiteral("the content store's copy of %1 is damaged (%2 bytes of %3, digest %4); "
                                                     "nothing was written")
                                          .arg(digest).arg(done).arg(size).arg(got)};
    return success();
}

Status LayoutWriter::close()
{
    if (archive_write_close(m_archive) != ARCHIVE_OK)
        return failure(QStringLiteral("close"));
    return success();
}

} // namespace strata
