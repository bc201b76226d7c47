#include "run/streamreader.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace strata {

namespace {

Error ioError(const char *what)
{
    return {Error::Io, QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)))};
}

// Blocking write of the whole buffer to a descriptor that may be non-blocking (a terminal
// shared with the shell, for instance).
bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                pollfd p{fd, POLLOUT, 0};
                ::poll(&p, 1, -1);
                continue;
            }
            return false;
        }
        data += n;
        size -= size_t(n);
    }
    return true;
}

} // namespace

StreamReader::StreamReader(int fd) : m_fd(fd)
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
}

StreamReader::~StreamReader()
{
    cancel();
    join();
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

void StreamReader::start(Sink sink, qsizetype chunk)
{
    m_thread = std::thread([this, sink = std::move(sink), chunk] { readLoop(sink, chunk); });
}

void StreamReader::startForwarding(int outFd, std::function<void()> onClosed)
{
    m_thread = std::thread([this, outFd, onClosed = std::move(onClosed)] { forwardLoop(outFd, onClosed); });
}

void StreamReader::cancel()
{
    if (m_wake[1] >= 0) {
        const char c = 0;
        [[maybe_unused]] ssize_t n = ::write(m_wake[1], &c, 1);
    }
}

void StreamReader::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

bool StreamReader::waitReadable()
{
    pollfd p[2] = {{m_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    for (;;) {
        const int n = ::poll(p, m_wake[0] >= 0 ? 2 : 1, -1);
        if (n < 0 && errno == EINTR)
            continue;
        return !(p[1].revents & POLLIN);
    }
}

void StreamReader::readLoop(const Sink &sink, qsizetype chunk)
{
    QByteArray buffer(chunk, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer.data(), size_t(chunk));
        if (n > 0) {
            m_bytes += n;
            sink(buffer.constData(), n);
            continue;
        }
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            m_status = ioError("read from the task's output");
            break;
        }
        if (!waitReadable())
            break;
    }
    m_done = true;
}

void StreamReader::forwardLoop(int outFd, const std::function<void()> &onClosed)
{
    // A pipe is at most 1 MiB by default for root; larger moves just return less.
    constexpr size_t Move = 1 << 20;
    bool useSplice = true;
    QByteArray buffer;
    for (;;) {
        ssize_t n;
        if (useSplice) {
            n = ::splice(m_fd, nullptr, outFd, nullptr, Move, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
            if (n < 0 && (errno == EINVAL || errno == EBADF || errno == ESPIPE)) {
                // The output cannot take spliced pages (a terminal, an O_APPEND file).
                useSplice = false;
                buffer.resize(256 * 1024);
                continue;
            }
            if (n < 0 && errno == EAGAIN) {
                // Either our input is empty or a non-blocking output is full: wait for both.
                pollfd out{outFd, POLLOUT, 0};
                if (::poll(&out, 1, 0) == 0) {
                    ::poll(&out, 1, -1);
                    continue;
                }
            }
        } else {
            n = ::read(m_fd, buffer.data(), size_t(buffer.size()));
            if (n > 0 && !writeAll(outFd, buffer.constData(), size_t(n)))
                n = -1;
        }
        if (n < 0 && errno == EPIPE) {
            m_status = ioError("write the task's output");
            if (onClosed)
                onClosed();
            readLoop([](const char *, qsizetype) {}, 64 * 1024);
            return;
        }
        if (n > 0) {
            m_bytes += n;
            continue;
        }
        if (n == 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN) {
            m_status = ioError("forward the task's output");
            break;
        }
        if (!waitReadable())
            break;
    }
    m_done = true;
}

} // namespace strata
