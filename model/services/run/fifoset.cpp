#include "run/fifoset.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

Error ioError(const QString &what)
{
    return {Error::Io, QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)))};
}

int index(FifoSet::Stream stream) { return static_cast<int>(stream); }

} // namespace

Result<std::unique_ptr<FifoSet>> FifoSet::create(const QString &id, bool withStdin, bool withStderr,
                                                 const QString &parentDir)
{
    std::unique_ptr<FifoSet> set(new FifoSet);
    const QString parent = parentDir.isEmpty() ? QDir::tempPath() : parentDir;
    QByteArray pattern = QFile::encodeName(parent + QStringLiteral("/strata-io-XXXXXX"));
    if (!mkdtemp(pattern.data()))
        return ioError(QStringLiteral("cannot make a FIFO directory under %1").arg(parent));
    set->m_dir = QFile::decodeName(pattern);

    const bool wanted[3] = {withStdin, true, withStderr};
    const char *suffix[3] = {"-stdin", "-stdout", "-stderr"};
    for (int i = 0; i < 3; ++i) {
        if (!wanted[i])
            continue;
        const QString path = set->m_dir + QLatin1Char('/') + id + QLatin1String(suffix[i]);
        const QByteArray native = QFile::encodeName(path);
        if (mkfifo(native.constData(), 0700) != 0)
            return ioError(QStringLiteral("mkfifo %1").arg(path));
        set->m_paths[i] = path;
        if (i == index(Stream::Stdin)) {
            set->m_fds[i] = open(native.constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        } else {
            set->m_fds[i] = open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
            if (set->m_fds[i] >= 0)
                set->m_holds[i] = open(native.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (set->m_holds[i] < 0)
                return ioError(QStringLiteral("open %1").arg(path));
        }
        if (set->m_fds[i] < 0)
            return ioError(QStringLiteral("open %1").arg(path));
    }
    return set;
}

FifoSet::~FifoSet()
{
    for (int i = 0; i < 3; ++i) {
        if (m_fds[i] >= 0)
            ::close(m_fds[i]);
        if (m_holds[i] >= 0)
            ::close(m_holds[i]);
        if (!m_paths[i].isEmpty())
            ::unlink(QFile::encodeName(m_paths[i]).constData());
    }
    if (!m_dir.isEmpty())
        ::rmdir(QFile::encodeName(m_dir).constData());
}

QString FifoSet::path(Stream stream) const { return m_paths[index(stream)]; }

int FifoSet::fd(Stream stream) const { return m_fds[index(stream)]; }

void FifoSet::releaseHolds()
{
    for (int &hold : m_holds) {
        if (hold >= 0)
            ::close(hold);
        hold = -1;
    }
}

Status FifoSet::writeStdin(const char *data, qsizetype size, const std::atomic<bool> *abort)
{
    const int fd = m_fds[index(Stream::Stdin)];
    if (fd < 0)
        return Error{Error::FailedPrecondition, QStringLiteral("stdin is closed")};
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                // The process is not reading: wait in slices so a run that ends can stop us.
                if (abort && abort->load())
                    return Error{Error::Cancelled, QStringLiteral("the run ended before its input was read")};
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, 100);
                continue;
            }
            return ioError(QStringLiteral("write to the task's stdin"));
        }
        data += n;
        size -= n;
    }
    return success();
}

void FifoSet::closeStdin()
{
    int &fd = m_fds[index(Stream::Stdin)];
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace strata
