#pragma once

// A TCP proxy on 127.0.0.1 in front of a private registry, to make the network misbehave in
// the ways a pull must survive: cut a connection after some bytes, slow it down, or flip a byte.
// Plain blocking sockets on threads of its own, so it runs while the code under test blocks.

#include <QByteArray>
#include <QString>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace strata::test {

class TcpProxy
{
public:
    struct Faults
    {
        qint64 cutAfter = -1;     // close a connection once it has sent this many bytes back…
        int cuts = 0;             // …this many times in all (then pass everything)
        qint64 flipAt = -1;       // invert the byte at this position of every reply stream
        int bytesPerTick = 0;     // when > 0, send back at most this much every 10 ms
    };

    TcpProxy(quint16 upstreamPort, Faults faults)
        : m_upstream(upstreamPort)
        , m_faults(faults)
        , m_cutsLeft(faults.cuts)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(0);
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_listen, 16) != 0)
            return;
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
    }

    ~TcpProxy()
    {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        if (m_acceptor.joinable())
            m_acceptor.join();
        std::lock_guard lock(m_mutex);
        for (auto &t : m_pumps)
            t.join();
    }

    // 0 when the proxy could not listen.
    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    int connections() const { return m_connections; }
    int cutsMade() const { return m_faults.cuts - m_cutsLeft; }

    // Everything the client sent, all connections in order of arrival.
    QByteArray requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }

private:
    static sockaddr_in loopback(quint16 port)
    {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return a;
    }

    void acceptLoop()
    {
        while (!m_stop) {
            const int client = ::accept(m_listen, nullptr, nullptr);
            if (client < 0)
                return;
            ++m_connections;
            std::lock_guard lock(m_mutex);
            m_pumps.emplace_back([this, client] { pump(client); });
        }
    }

    bool takeCut()
    {
        int left = m_cutsLeft.load();
        while (left > 0) {
            if (m_cutsLeft.compare_exchange_weak(left, left - 1))
                return true;
        }
        return false;
    }

    void pump(int client)
    {
        const int server = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(m_upstream);
        if (::connect(server, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
            ::close(server);
            ::close(client);
            return;
        }
        qint64 sentBack = 0;
        char buffer[16384];
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        while (!m_stop) {
            if (::poll(fds, 2, 100) < 0)
                break;
            if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
                const ssize_t n = ::read(client, buffer, sizeof buffer);
                if (n <= 0)
                    break;
                {
                    std::lock_guard lock(m_mutex);
                    m_requests.append(buffer, n);
                }
                if (::write(server, buffer, size_t(n)) != n)
                    break;
            }
            if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
                const size_t want = m_faults.bytesPerTick > 0 ? std::min<size_t>(sizeof buffer, size_t(m_faults.bytesPerTick))
                                                              : sizeof buffer;
                ssize_t n = ::read(server, buffer, want);
                if (n <= 0)
                    break;
                if (m_faults.flipAt >= sentBack && m_faults.flipAt < sentBack + n)
                    buffer[m_faults.flipAt - sentBack] = char(~buffer[m_faults.flipAt - sentBack]);
                bool cut = false;
                if (m_faults.cutAfter >= 0 && sentBack + n > m_faults.cutAfter && takeCut()) {
                    n = ssize_t(m_faults.cutAfter - sentBack);
                    cut = true;
                }
                if (n > 0 && ::write(client, buffer, size_t(n)) != n)
                    break;
                sentBack += n;
                if (cut)
                    break;
                if (m_faults.bytesPerTick > 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        ::close(server);
        ::close(client);
    }

    quint16 m_upstream;
    Faults m_faults;
    std::atomic_int m_cutsLeft;
    std::atomic_int m_connections{0};
    std::atomic_bool m_stop{false};
    int m_listen = -1;
    quint16 m_port = 0;
    std::thread m_acceptor;
    mutable std::mutex m_mutex;
    std::vector<std::thread> m_pumps;
    QByteArray m_requests;
};

} // namespace strata::test
