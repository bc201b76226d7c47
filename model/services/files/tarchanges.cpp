#include "files/tarchanges.h"

#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace strata {

namespace {

constexpr qint64 kFileChunk = 256 * 1024;
const QString kWhiteoutPrefix = QStringLiteral(".wh.");
const QString kOpaqueMarker = QStringLiteral(".wh..wh..opq");

struct Reader
{
    const TarChanges::ChunkSource *source = nullptr;
    QByteArray chunk;            // kept alive until libarchive asks for the next one
    std::optional<Error> failure; // what the source said, when it said no
};

la_ssize_t readCallback(archive *, void *data, const void **buffer)
{
    auto *reader = static_cast<Reader *>(data);
    auto next = (*reader->source)();
    if (!next) {
        reader->failure = next.error();
        return -1;
    }
    reader->chunk = std::move(*next);
    *buffer = reader->chunk.constData();
    return la_ssize_t(reader->chunk.size());
}

FileKind kindOf(archive_entry *e)
{
    if (archive_entry_hardlink(e))
        return FileKind::Hardlink;
    switch (archive_entry_filetype(e)) {
    case AE_IFDIR: return FileKind::Dir;
    case AE_IFLNK: return FileKind::Symlink;
    case AE_IFCHR: return FileKind::Char;
    case AE_IFBLK: return FileKind::Block;
    case AE_IFIFO: return FileKind::Fifo;
    default: return FileKind::File;
    }
}

QString utf8Name(const char *utf8, const char *raw)
{
    return utf8 ? QString::fromUtf8(utf8) : QString::fromLocal8Bit(raw ? raw : "");
}

// The entry a member stands for, or nothing for members that carry no change of their own
// (the root, aufs's other .wh..wh. metadata).
std::optional<FileEntry> entryOf(archive_entry *e)
{
    FileEntry f;
    f.path = TarChanges::relativePath(utf8Name(archive_entry_pathname_utf8(e), archive_entry_pathname(e)));
    if (f.path.isEmpty())
        return std::nullopt;
    f.kind = kindOf(e);
    f.mode = quint32(archive_entry_perm(e)) & 07777u;
    f.uid = quint32(archive_entry_uid(e));
    f.gid = quint32(archive_entry_gid(e));
    f.mtime = qint64(archive_entry_mtime(e));
    if (f.kind == FileKind::File)
        f.size = qint64(archive_entry_size(e));
    if (f.kind == FileKind::Symlink)
        f.linkTarget = utf8Name(archive_entry_symlink_utf8(e), archive_entry_symlink(e));
    if (f.kind == FileKind::Hardlink)
        f.linkTarget = TarChanges::relativePath(utf8Name(archive_entry_hardlink_utf8(e), archive_entry_hardlink(e)));

    const qsizetype slash = f.path.lastIndexOf(QLatin1Char('/'));
    const QString dir = slash < 0 ? QString() : f.path.left(slash);
    const QString base = f.path.mid(slash + 1);
    if (!base.startsWith(kWhiteoutPrefix))
        return f;
    if (base == kOpaqueMarker) {
        f.kind = FileKind::Opaque;
        f.path = dir;
    } else if (base.startsWith(kWhiteoutPrefix + kWhiteoutPrefix)) {
        return std::nullopt;
    } else {
        f.kind = FileKind::Whiteout;
        f.path = (dir.isEmpty() ? QString() : dir + QLatin1Char('/')) + base.mid(kWhiteoutPrefix.size());
    }
    f.size = 0;
    f.linkTarget.clear();
    return f;
}

} // namespace

QString TarChanges::relativePath(QString name)
{
    while (name.startsWith(QLatin1String("./")))
        name.remove(0, 2);
    while (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('/')))
        name.chop(1);
    return name == QLatin1String(".") ? QString() : name;
}

Result<LayerChanges> TarChanges::read(const ChunkSource &source, const std::atomic_bool *cancel)
{
    std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_tar(a.get());
    Reader reader{&source, {}, std::nullopt};
    if (archive_read_open(a.get(), &reader, nullptr, readCallback, nullptr) != ARCHIVE_OK)
        return reader.failure.value_or(
            Error{Error::Corrupt, QStringLiteral("not a layer archive: %1").arg(QString::fromUtf8(archive_error_string(a.get())))});

    LayerChanges out;
    archive_entry *e = nullptr;
    for (;;) {
        if (cancel && cancel->load())
            return Error{Error::Cancelled, QStringLiteral("reading the layer was cancelled")};
        const int r = archive_read_next_header(a.get(), &e);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return reader.failure.value_or(
                Error{Error::Corrupt, QStringLiteral("the layer archive is damaged after %1 entries: %2")
                                          .arg(out.size())
                                          .arg(QString::fromUtf8(archive_error_string(a.get())))});
        if (auto entry = entryOf(e))
            out.append(std::move(*entry));
    }
    return out;
}

Result<LayerChanges> TarChanges::readFile(const QString &path, const std::atomic_bool *cancel)
{
    // Checked before opening: opening a named pipe would block.
    if (const QFileInfo info(path); info.exists() && !info.isFile())
        return Error{Error::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(path)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    return read(
        [&file]() -> Result<QByteArray> {
            QByteArray chunk = file.read(kFileChunk);
            if (chunk.isEmpty() && file.error() != QFileDevice::NoError)
                return Error{Error::Io, QStringLiteral("reading %1: %2").arg(file.fileName(), file.errorString())};
            return chunk;
        },
        cancel);
}

} // namespace strata
