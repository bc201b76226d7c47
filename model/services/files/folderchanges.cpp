#include "files/folderchanges.h"

#include <QFile>
#include <unordered_map>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace strata {

namespace {

class Walker
{
public:
    Walker(const std::atomic_bool *cancel) : m_cancel(cancel) {}

    std::optional<Error> walk(int dirFd, const QByteArray &absolute, const QString &relative)
    {
        DIR *dir = fdopendir(dirFd);
        if (!dir) {
            ::close(dirFd);
            return ioError(absolute);
        }
        std::optional<Error> failure;
        while (!failure) {
            if (m_cancel && m_cancel->load())
                failure = Error{Error::Cancelled, QStringLiteral("reading the folder was cancelled")};
            errno = 0;
            const dirent *d = readdir(dir);
            if (!d) {
                if (errno != 0)
                    failure = ioError(absolute);
                break;
            }
            if (std::strcmp(d->d_name, ".") == 0 || std::strcmp(d->d_name, "..") == 0)
                continue;
            failure = visit(dirfd(dir), absolute + '/' + d->d_name,
                            (relative.isEmpty() ? QString() : relative + QLatin1Char('/')) + QFile::decodeName(d->d_name),
                            d->d_name);
        }
        closedir(dir);
        return failure;
    }

    LayerChanges take() { return std::move(m_out); }

private:
    static Error ioError(const QByteArray &path)
    {
        return Error{Error::Io, QStringLiteral("cannot read %1: %2").arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno)))};
    }

    static bool isOpaque(const QByteArray &path)
    {
        for (const char *name : {"trusted.overlay.opaque", "user.overlay.opaque"}) {
            char value[2] = {};
            if (lgetxattr(path.constData(), name, value, sizeof value) == 1 && value[0] == 'y')
                return true;
        }
        return false;
    }

    std::optional<Error> visit(int parentFd, const QByteArray &absolute, const QString &relative, const char *name)
    {
        struct stat st {};
        if (fstatat(parentFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return ioError(absolute);
        FileEntry f{relative, FileKind::File, quint32(st.st_mode) & 07777u, st.st_uid, st.st_gid, 0, qint64(st.st_mtime), {}};
        if (S_ISDIR(st.st_mode)) {
            f.kind = FileKind::Dir;
            m_out.append(f);
            if (isOpaque(absolute))
                m_out.append(FileEntry{relative, FileKind::Opaque, 0, 0, 0, 0, 0, {}});
            const int fd = openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0)
                return ioError(absolute);
            return walk(fd, absolute, relative);
        }
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0)) {
            m_out.append(FileEntry{relative, FileKind::Whiteout, 0, 0, 0, 0, 0, {}});
            return std::nullopt;
        }
        if (S_ISLNK(st.st_mode)) {
            f.kind = FileKind::Symlink;
            QByteArray target(qsizetype(st.st_size > 0 ? st.st_size : 4096), Qt::Uninitialized);
            const ssize_t n = readlinkat(parentFd, name, target.data(), size_t(target.size()));
            if (n < 0)
                return ioError(absolute);
            f.linkTarget = QFile::decodeName(target.left(n));
        } else if (S_ISCHR(st.st_mode)) {
            f.kind = FileKind::Char;
        } else if (S_ISBLK(st.st_mode)) {
            f.kind = FileKind::Block;
        } else if (S_ISFIFO(st.st_mode)) {
            f.kind = FileKind::Fifo;
        } else if (S_ISREG(st.st_mode)) {
            f.size = qint64(st.st_size);
            if (st.st_nlink > 1) {
                const auto [it, first] = m_inodes.try_emplace(st.st_ino, relative);
                if (!first) {
                    f.kind = FileKind::Hardlink;
                    f.size = 0;
                    f.linkTarget = it->second;
                }
            }
        } else {
            return std::nullopt; // a socket: overlayfs layers do not carry them
        }
        m_out.append(std::move(f));
        return std::nullopt;
    }

    const std::atomic_bool *m_cancel;
    LayerChanges m_out;
    std::unordered_map<ino_t, QString> m_inodes;
};

} // namespace

Result<LayerChanges> FolderChanges::read(const QString &fsDir, const std::atomic_bool *cancel)
{
    const QByteArray root = QFile::encodeName(fsDir);
    const int fd = ::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOTDIR)
            return Error{Error::InvalidArgument, QStringLiteral("%1 is not a folder").arg(fsDir)};
        return Error{errno == ENOENT ? Error::NotFound : Error::Io,
                     QStringLiteral("cannot read %1: %2").arg(fsDir, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    Walker walker(cancel);
    if (auto failure = walker.walk(fd, root, QString()))
        return *failure;
    return walker.take();
}

} // namespace strata
