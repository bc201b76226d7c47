#include "platform/windows/pipebridge.h"

#include "platform/windows/pipeconnection.h"

#include "platform/windows/win32.h"
#include "platform/windows/win32error.h"
#include <ws2tcpip.h>
#include <iphlpapi.h>

#include <chrono>
#include <vector>

namespace strata {

namespace {

// How long a connection may wait for a free pipe instance. containerd keeps spare instances
// listening, so a busy pipe clears quickly; the wait is sliced so that stopping stays prompt.
constexpr std::chrono::seconds kBusyWait{5};
constexpr DWORD kBusySlice = 100;
// How long an accepted connection whose owning process is not known yet may wait for it.
constexpr int kOwnerAttempts = 50;
constexpr DWORD kOwnerRetrySlice = 10;

} // namespace

std::variant<std::unique_ptr<PipeBridge>, std::wstring> PipeBridge::start(std::wstring pipeName, Log log)
{
    std::unique_ptr<PipeBridge> bridge(new PipeBridge(std::move(pipeName), std::move(log)));
    std::wstring error;
    // On failure the destructor releases whatever part of the setup was done.
    if (!bridge->listen(error))
        return error;
    bridge->m_thread = std::thread([raw = bridge.get()] { raw->run(); });
    return bridge;
}

PipeBridge::PipeBridge(std::wstring pipeName, Log log)
    : m_pipeName(std::move(pipeName))
    , m_log(std::move(log))
{
}

PipeBridge::~PipeBridge()
{
    if (m_stop)
        SetEvent(m_stop);
    if (m_thread.joinable())
        m_thread.join();
    if (m_listener != INVALID_SOCKET)
        closesocket(static_cast<SOCKET>(m_listener));
    // Each connection already saw m_stop; clearing joins its threads, which close its sockets.
    m_connections.clear();
    if (m_acceptReady)
        WSACloseEvent(m_acceptReady);
    if (m_stop)
        CloseHandle(m_stop);
    if (m_wsaStarted)
        WSACleanup();
}

bool PipeBridge::listen(std::wstring &error)
{
    WSADATA data;
    if (const int rc = WSAStartup(MAKEWORD(2, 2), &data); rc != 0) {
        error = L"WSAStartup: " + win32ErrorText(rc);
        return false;
    }
    m_wsaStarted = true;

    const SOCKET listener = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, nullptr, 0,
                                       WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    if (listener == INVALID_SOCKET) {
        error = L"socket: " + win32ErrorText(WSAGetLastError());
        return false;
    }
    m_listener = listener;

    // No other program may bind this port alongside us, even with SO_REUSEADDR.
    const BOOL exclusive = TRUE;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    int length = sizeof address;
    if (setsockopt(listener, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char *>(&exclusive),
                   sizeof exclusive)
            != 0
        || bind(listener, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener, SOMAXCONN) != 0
        || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        error = L"listening on 127.0.0.1: " + win32ErrorText(WSAGetLastError());
        return false;
    }
    m_port = ntohs(address.sin_port);

    m_acceptReady = WSACreateEvent();
    m_stop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!m_acceptReady || !m_stop) {
        error = L"CreateEvent: " + win32ErrorText(GetLastError());
        return false;
    }
    if (WSAEventSelect(listener, m_acceptReady, FD_ACCEPT) != 0) {
        error = L"WSAEventSelect: " + win32ErrorText(WSAGetLastError());
        return false;
    }
    return true;
}

void PipeBridge::run()
{
    const HANDLE waits[] = {m_acceptReady, m_stop};
    while (WaitForMultipleObjects(2, waits, FALSE, INFINITE) == WAIT_OBJECT_0) {
        WSANETWORKEVENTS events;
        WSAEnumNetworkEvents(static_cast<SOCKET>(m_listener), m_acceptReady, &events);
        acceptPending();
        // Connections whose peers are gone have closed their handles; only threads are left.
        m_connections.remove_if([](const std::unique_ptr<PipeConnection> &c) { return c->finished(); });
    }
}

void PipeBridge::acceptPending()
{
    for (;;) {
        sockaddr_in peer{};
        int length = sizeof peer;
        const SOCKET socket = accept(static_cast<SOCKET>(m_listener), reinterpret_cast<sockaddr *>(&peer), &length);
        // WSAEWOULDBLOCK ends the batch; any other failure concerns one client that gave up,
        // and the next accept() re-arms FD_ACCEPT for those still queued.
        if (socket == INVALID_SOCKET)
            return;
        // accept() hands down the listener's event selection and non-blocking mode; drop both.
        u_long blocking = 0;
        WSAEventSelect(socket, nullptr, 0);
        ioctlsocket(socket, FIONBIO, &blocking);
        SetHandleInformation(reinterpret_cast<HANDLE>(socket), HANDLE_FLAG_INHERIT, 0);

        if (const unsigned long owner = peerProcess(peer.sin_addr.s_addr, peer.sin_port);
            owner != GetCurrentProcessId()) {
            report(owner ? L"refused a loopback connection from process " + std::to_wstring(owner)
                         : L"refused a loopback connection from an unknown process",
                   0);
            closesocket(socket);
            continue;
        }
        void *pipe = openPipe();
        if (!pipe) {
            closesocket(socket);
            continue;
        }
        m_connections.push_back(std::make_unique<PipeConnection>(socket, pipe, m_stop));
    }
}

unsigned long PipeBridge::peerProcess(std::uint32_t peerAddress, std::uint16_t peerPort) const
{
    // Windows knows the owner as soon as the connection exists. Wine finds it through the
    // client's file descriptors, which can lag behind connect(): give an unknown owner a
    // moment. A known owner, foreign or not, is answered at once.
    for (int attempt = 0; attempt < kOwnerAttempts; ++attempt) {
        std::vector<unsigned char> table;
        ULONG size = 0;
        DWORD rc = ERROR_INSUFFICIENT_BUFFER;
        // The table can grow between asking for its size and reading it.
        while (rc == ERROR_INSUFFICIENT_BUFFER) {
            table.resize(size);
            rc = GetExtendedTcpTable(table.data(), &size, FALSE, AF_INET, TCP_TABLE_OWNER_PID_CONNECTIONS, 0);
        }
        if (rc != NO_ERROR) {
            report(L"GetExtendedTcpTable", rc);
            return 0;
        }
        const auto *rows = reinterpret_cast<const MIB_TCPTABLE_OWNER_PID *>(table.data());
        const auto listenPort = htons(m_port);
        for (DWORD i = 0; i < rows->dwNumEntries; ++i) {
            const MIB_TCPROW_OWNER_PID &row = rows->table[i];
            // The client's half of the connection: its local end is our peer, its remote end
            // is our listener. Addresses and ports are in network order on both sides.
            if (row.dwLocalAddr == peerAddress && static_cast<std::uint16_t>(row.dwLocalPort) == peerPort
                && row.dwRemoteAddr == htonl(INADDR_LOOPBACK)
                && static_cast<std::uint16_t>(row.dwRemotePort) == listenPort && row.dwOwningPid != 0)
                return row.dwOwningPid;
        }
        if (WaitForSingleObject(m_stop, kOwnerRetrySlice) == WAIT_OBJECT_0)
            return 0;
    }
    return 0;
}

void *PipeBridge::openPipe() const
{
    const auto deadline = std::chrono::steady_clock::now() + kBusyWait;
    for (;;) {
        // Anonymous impersonation level: containerd has no business acting as this user.
        const HANDLE pipe = CreateFileW(m_pipeName.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                                        FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_ANONYMOUS, nullptr);
        if (pipe != INVALID_HANDLE_VALUE)
            return pipe;
        const DWORD error = GetLastError();
        if (WaitForSingleObject(m_stop, 0) == WAIT_OBJECT_0)
            return nullptr;
        if (error != ERROR_PIPE_BUSY || std::chrono::steady_clock::now() >= deadline) {
            report(L"cannot open " + m_pipeName, error);
            return nullptr;
        }
        WaitNamedPipeW(m_pipeName.c_str(), kBusySlice);
    }
}

void PipeBridge::report(const std::wstring &what, unsigned long code) const
{
    if (m_log)
        m_log(code ? what + L": " + win32ErrorText(code) : what);
}

} // namespace strata
