// Self-test for the Windows named-pipe relay core (PipeBridge, PipeConnection). Built only by
// scripts/check-windows-compile.sh with mingw-w64 (not by CMake on Linux); run it on Windows
// or under wine. It serves its own named pipe, so it needs no containerd and no elevation.
//
// Exit code 0 when every check passed.

#include "platform/windows/pipebridge.h"

#include "platform/windows/win32.h"
#include "selfcheck.h"
#include <ws2tcpip.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

std::wstring uniqueName(const wchar_t *what)
{
    return L"\\\\.\\pipe\\strata-selftest-" + std::to_wstring(GetCurrentProcessId()) + L"-" + what;
}

// A pipe server like containerd's in the ways that matter: byte mode, one new instance per
// client. On connect it writes a 4-byte connection number, then echoes (or hangs up at once).
class PipeServer
{
public:
    PipeServer(std::wstring name, DWORD maxInstances, bool hangUp)
        : m_name(std::move(name))
        , m_maxInstances(maxInstances)
        , m_hangUp(hangUp)
    {
        m_listener = std::thread([this] { listen(); });
        // The name must exist before the first client tries it.
        while (!m_ready.load())
            std::this_thread::sleep_for(1ms);
    }

    ~PipeServer()
    {
        m_stopping = true;
        // Unblocks ConnectNamedPipe with a client that the listener then drops.
        const HANDLE poke = CreateFileW(m_name.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, 0, nullptr);
        m_listener.join();
        if (poke != INVALID_HANDLE_VALUE)
            CloseHandle(poke);
        for (auto &t : m_handlers)
            t.join();
    }

    int served() const { return m_served.load(); }

private:
    void listen()
    {
        HANDLE pipe = INVALID_HANDLE_VALUE;
        for (;;) {
            // With one instance it is reused, so the name never disappears between clients
            // and a second client meets ERROR_PIPE_BUSY rather than "not found".
            if (pipe == INVALID_HANDLE_VALUE)
                pipe = CreateNamedPipeW(m_name.c_str(), PIPE_ACCESS_DUPLEX, PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT,
                                        m_maxInstances, 65536, 65536, 0, nullptr);
            m_ready = true;
            if (pipe == INVALID_HANDLE_VALUE)
                return;
            const bool connected = ConnectNamedPipe(pipe, nullptr) || GetLastError() == ERROR_PIPE_CONNECTED;
            if (m_stopping.load() || !connected) {
                CloseHandle(pipe);
                return;
            }
            const int id = m_served.fetch_add(1);
            if (m_maxInstances == 1) {
                serve(pipe, id);
                hangUp(pipe);
            } else {
                m_handlers.emplace_back([this, pipe, id] {
                    serve(pipe, id);
                    hangUp(pipe);
                    CloseHandle(pipe);
                });
                pipe = INVALID_HANDLE_VALUE;
            }
        }
    }

    // DisconnectNamedPipe discards what the client has not read yet; let it read first.
    static void hangUp(HANDLE pipe)
    {
        FlushFileBuffers(pipe);
        DisconnectNamedPipe(pipe);
    }

    void serve(HANDLE pipe, int id)
    {
        DWORD n = 0;
        if (!WriteFile(pipe, &id, sizeof id, &n, nullptr) || m_hangUp)
            return;
        std::vector<char> buffer(65536);
        while (ReadFile(pipe, buffer.data(), DWORD(buffer.size()), &n, nullptr) && n > 0) {
            DWORD written = 0;
            if (!WriteFile(pipe, buffer.data(), n, &written, nullptr) || written != n)
                return;
        }
    }

    std::wstring m_name;
    DWORD m_maxInstances;
    bool m_hangUp;
    std::atomic<bool> m_ready{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_served{0};
    std::thread m_listener;
    std::vector<std::thread> m_handlers;
};

// Collects what the bridge logs.
struct LogSink
{
    std::mutex mutex;
    std::vector<std::wstring> lines;

    strata::PipeBridge::Log callback()
    {
        return [this](const std::wstring &line) {
            std::lock_guard lock(mutex);
            std::printf("  log: %ls\n", line.c_str());
            lines.push_back(line);
        };
    }
    bool contains(const wchar_t *part)
    {
        std::lock_guard lock(mutex);
        for (const auto &l : lines)
            if (l.find(part) != std::wstring::npos)
                return true;
        return false;
    }
};

std::unique_ptr<strata::PipeBridge> startBridge(const std::wstring &name, LogSink &log)
{
    auto started = strata::PipeBridge::start(name, log.callback());
    if (auto *error = std::get_if<std::wstring>(&started)) {
        std::printf("  start failed: %ls\n", error->c_str());
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<strata::PipeBridge>>(started));
}

SOCKET connectTo(std::uint16_t port)
{
    const SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    // Nothing in these tests may wait forever.
    const DWORD timeoutMs = 5000;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char *>(&timeoutMs), sizeof timeoutMs);
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, reinterpret_cast<const char *>(&timeoutMs), sizeof timeoutMs);
    if (connect(s, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

bool recvAll(SOCKET s, char *data, int size)
{
    for (int got = 0; got < size;) {
        const int n = recv(s, data + got, size - got, 0);
        if (n <= 0)
            return false;
        got += n;
    }
    return true;
}

bool sendAll(SOCKET s, const char *data, int size)
{
    for (int sent = 0; sent < size;) {
        const int n = send(s, data + sent, size - sent, 0);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

int readId(SOCKET s)
{
    int id = -1;
    return recvAll(s, reinterpret_cast<char *>(&id), sizeof id) ? id : -1;
}

// True when the peer closed (or reset) the connection within the receive timeout.
bool closedByPeer(SOCKET s)
{
    char byte = 0;
    const int n = recv(s, &byte, 1, 0);
    return n == 0 || (n < 0 && WSAGetLastError() != WSAETIMEDOUT);
}

// Sends `size` pseudo-random bytes while reading the echo, as gRPC would: both directions
// at once, more than any one buffer holds.
bool echoes(SOCKET s, int size, unsigned seed)
{
    std::vector<char> out(size), in(size);
    for (auto &c : out) {
        seed = seed * 1103515245u + 12345u;
        c = char(seed >> 16);
    }
    bool sent = false;
    std::thread sender([&] { sent = sendAll(s, out.data(), size); });
    const bool received = recvAll(s, in.data(), size);
    sender.join();
    return sent && received && in == out;
}

void testRoundTrip()
{
    std::puts("round trip of 4 MiB through the relay");
    PipeServer server(uniqueName(L"echo"), PIPE_UNLIMITED_INSTANCES, false);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"echo"), log);
    CHECK(bridge && bridge->port() != 0);
    if (!bridge)
        return;
    const SOCKET s = connectTo(bridge->port());
    CHECK(s != INVALID_SOCKET);
    CHECK(readId(s) == 0);
    CHECK(echoes(s, 4 << 20, 1));
    closesocket(s);
}

void testConnectionsAreIndependent()
{
    std::puts("two connections get two pipe clients");
    PipeServer server(uniqueName(L"pair"), PIPE_UNLIMITED_INSTANCES, false);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"pair"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    const SOCKET a = connectTo(bridge->port());
    const SOCKET b = connectTo(bridge->port());
    const int idA = readId(a), idB = readId(b);
    CHECK(idA >= 0 && idB >= 0 && idA != idB);
    CHECK(echoes(b, 100000, 2));
    CHECK(echoes(a, 100000, 3));
    closesocket(a);
    CHECK(echoes(b, 1000, 4));
    closesocket(b);
    CHECK(server.served() == 2);
}

void testServerHangUpClosesSocket()
{
    std::puts("containerd hanging up closes the socket");
    PipeServer server(uniqueName(L"hangup"), PIPE_UNLIMITED_INSTANCES, true);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"hangup"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    const SOCKET s = connectTo(bridge->port());
    CHECK(readId(s) == 0);
    CHECK(closedByPeer(s));
    closesocket(s);
}

void testMissingPipe()
{
    std::puts("a missing pipe closes the socket and says why");
    LogSink log;
    auto bridge = startBridge(uniqueName(L"nobody"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    const SOCKET s = connectTo(bridge->port());
    CHECK(s != INVALID_SOCKET);
    CHECK(closedByPeer(s));
    closesocket(s);
    CHECK(log.contains(L"cannot open"));
}

void testBusyPipeWaits()
{
    std::puts("a busy pipe is waited for");
    PipeServer server(uniqueName(L"busy"), 1, false);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"busy"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    const SOCKET first = connectTo(bridge->port());
    CHECK(readId(first) == 0);
    const SOCKET second = connectTo(bridge->port());
    std::thread release([first] {
        std::this_thread::sleep_for(500ms);
        closesocket(first);
    });
    CHECK(readId(second) == 1);
    CHECK(echoes(second, 1000, 5));
    release.join();
    closesocket(second);
}

void testStopEndsLiveConnections()
{
    std::puts("destroying the bridge ends live connections promptly");
    PipeServer server(uniqueName(L"stop"), PIPE_UNLIMITED_INSTANCES, false);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"stop"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    const std::uint16_t port = bridge->port();
    const SOCKET s = connectTo(port);
    CHECK(readId(s) == 0);
    const auto before = std::chrono::steady_clock::now();
    bridge.reset();
    CHECK(std::chrono::steady_clock::now() - before < 2s);
    CHECK(closedByPeer(s));
    closesocket(s);
    CHECK(connectTo(port) == INVALID_SOCKET);
}

void testOtherProcessRefused()
{
    std::puts("a connection from another process is refused");
    PipeServer server(uniqueName(L"foreign"), PIPE_UNLIMITED_INSTANCES, false);
    LogSink log;
    auto bridge = startBridge(uniqueName(L"foreign"), log);
    if (!bridge) {
        CHECK(bridge);
        return;
    }
    wchar_t self[MAX_PATH];
    GetModuleFileNameW(nullptr, self, MAX_PATH);
    std::wstring command = L"\"" + std::wstring(self) + L"\" --knock " + std::to_wstring(bridge->port());
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION child{};
    CHECK(CreateProcessW(nullptr, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &startup, &child));
    WaitForSingleObject(child.hProcess, 15000);
    DWORD code = 99;
    GetExitCodeProcess(child.hProcess, &code);
    CloseHandle(child.hProcess);
    CloseHandle(child.hThread);
    CHECK(code == 0);
    CHECK(server.served() == 0);
    CHECK(log.contains(L"refused a loopback connection"));
}

// The child side of testOtherProcessRefused: 0 when the relay hung up without a byte.
int knock(std::uint16_t port)
{
    const SOCKET s = connectTo(port);
    if (s == INVALID_SOCKET)
        return 3;
    char byte = 0;
    const int n = recv(s, &byte, 1, 0);
    closesocket(s);
    if (n > 0)
        return 1;
    return n == 0 || WSAGetLastError() != WSAETIMEDOUT ? 0 : 2;
}

} // namespace

int wmain(int argc, wchar_t **argv)
{
    WSADATA data;
    WSAStartup(MAKEWORD(2, 2), &data);
    if (argc == 3 && std::wcscmp(argv[1], L"--knock") == 0)
        return knock(std::uint16_t(std::wcstoul(argv[2], nullptr, 10)));

    testRoundTrip();
    testConnectionsAreIndependent();
    testServerHangUpClosesSocket();
    testMissingPipe();
    testBusyPipeWaits();
    testStopEndsLiveConnections();
    testOtherProcessRefused();

    WSACleanup();
    return strata::selftest::report();
}
