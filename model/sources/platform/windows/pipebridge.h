#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <thread>
#include <variant>

namespace strata {

class PipeConnection;

// Serves a named pipe on a loopback TCP port, for clients (gRPC C++) that cannot dial a pipe.
// Every accepted connection gets its own new client connection to the pipe. Only connections
// made by this very process are served: the pipe's ACL admits Administrators and SYSTEM only,
// and an open loopback port must not hand that access to any other local program.
// Pure Win32 + std (no Qt) so that it compiles with mingw on Linux; PipeRelay wraps it for
// the Qt side.
class PipeBridge
{
public:
    // Hears about connections that could not be served (pipe missing, access denied, another
    // process knocking); called on the bridge's own thread.
    using Log = std::function<void(const std::wstring &)>;

    // Listens on 127.0.0.1 at a port the system picks. Fails (with a sentence) only when the
    // listener cannot be set up: the pipe is first opened when a connection arrives, so a
    // daemon that is down shows up as a connection closed at once.
    static std::variant<std::unique_ptr<PipeBridge>, std::wstring> start(std::wstring pipeName, Log log = {});
    // Stops accepting, ends every connection and joins all threads.
    ~PipeBridge();

    PipeBridge(const PipeBridge &) = delete;
    PipeBridge &operator=(const PipeBridge &) = delete;

    std::uint16_t port() const { return m_port; }

private:
    PipeBridge(std::wstring pipeName, Log log);

    bool listen(std::wstring &error);
    void run();
    void acceptPending();
    // The process owning the client end of an accepted connection; 0 when unknown.
    unsigned long peerProcess(std::uint32_t peerAddress, std::uint16_t peerPort) const;
    void *openPipe() const;
    void report(const std::wstring &what, unsigned long code) const;

    std::wstring m_pipeName;
    Log m_log;
    bool m_wsaStarted = false;
    std::uintptr_t m_listener = ~std::uintptr_t{0}; // INVALID_SOCKET
    void *m_acceptReady = nullptr;
    void *m_stop = nullptr; // manual-reset; every connection watches it too
    std::uint16_t m_port = 0;
    // Touched only by the accept thread, and by the destructor once that thread is joined.
    std::list<std::unique_ptr<PipeConnection>> m_connections;
    std::thread m_thread;
};

} // namespace strata
