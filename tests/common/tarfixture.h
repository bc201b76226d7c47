#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace strata::test {

// A layer tar written from readable text, one member per line:
//   d PATH            directory          f PATH CONTENT   regular file (CONTENT up to the line's end)
//   l PATH TARGET     symlink            h PATH TARGET    hard link to TARGET
//   w PATH            whiteout of PATH   o DIR            opaque marker in DIR
//   p PATH            named pipe
// Compression: "none", "gzip" or "zstd".
inline QByteArray makeTar(const QString &spec, const QString &compression = QStringLiteral("none"))
{
    std::unique_ptr<archive, decltype(&archive_write_free)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_pax_restricted(a.get());
    if (compression == QLatin1String("gzip"))
        archive_write_add_filter_gzip(a.get());
    else if (compression == QLatin1String("zstd"))
        archive_write_add_filter_zstd(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    QByteArray out(4 * 1024 * 1024, '\0');
    size_t used = 0;
    archive_write_open_memory(a.get(), out.data(), size_t(out.size()), &used);
    for (const QString &raw : spec.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QChar op = line.at(0);
        const QStringList words = line.mid(2).split(QLatin1Char(' '));
        QString path = words.value(0);
        const QString rest = line.mid(2 + path.size() + 1);
        if (op == QLatin1Char('w')) {
            const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
            path = path.left(slash + 1) + QStringLiteral(".wh.") + path.mid(slash + 1);
        } else if (op == QLatin1Char('o')) {
            path += QStringLiteral("/.wh..wh..opq");
        }
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
        const QByteArray name = path.toUtf8();
        archive_entry_set_pathname(e.get(), name.constData());
        archive_entry_set_mtime(e.get(), 1700000000, 0);
        const QByteArray content = op == QLatin1Char('f') ? rest.toUtf8() : QByteArray();
        const QByteArray target = rest.toUtf8();
        switch (op.toLatin1()) {
        case 'd': archive_entry_set_filetype(e.get(), AE_IFDIR); archive_entry_set_perm(e.get(), 0755); break;
        case 'l': archive_entry_set_filetype(e.get(), AE_IFLNK); archive_entry_set_symlink(e.get(), target.constData()); break;
        case 'h': archive_entry_set_filetype(e.get(), AE_IFREG); archive_entry_set_hardlink(e.get(), target.constData()); break;
        case 'p': archive_entry_set_filetype(e.get(), AE_IFIFO); archive_entry_set_perm(e.get(), 0644); break;
        default:
            archive_entry_set_filetype(e.get(), AE_IFREG);
            archive_entry_set_perm(e.get(), 0644);
            archive_entry_set_size(e.get(), content.size());
        }
        archive_write_header(a.get(), e.get());
        if (!content.isEmpty())
            archive_write_data(a.get(), content.constData(), size_t(content.size()));
    }
    archive_write_close(a.get());
    out.truncate(qsizetype(used));
    return out;
}

} // namespace strata::test
