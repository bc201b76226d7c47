#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace strata {

// One accepted loopback socket joined to one client handle of the named pipe: two threads,
// one per direction, each copying with overlapped I/O so that a stop request can cancel a
// read that would otherwise block forever. Pure Win32 + std (no Qt), so it compiles with
// mingw on Linux. Handles are kept as plain integers/pointers to keep <windows.h> out of the
// header.
class PipeConnection
{
public:
    // Takes ownership of `socket` (a SOCKET) and `pipe` (a HANDLE opened with
    // FILE_FLAG_OVERLAPPED) and starts copying at once. `relayStop` is a manual-reset event
    // owned by the relay; when it fires every direction stops.
    PipeConnection(std::uintptr_t socket, void *pipe, void *relayStop);
    ~PipeConnection();

    PipeConnection(const PipeConnection &) = delete;
    PipeConnection &operator=(const PipeConnection &) = delete;

    // Both directions have ended and both handles are closed; the object only waits to be
    // joined and deleted.
    bool finished() const { return m_running.load() == 0; }

private:
    void pump(bool socketToPipe);
    void directionEnded();

    std::uintptr_t m_socket;
    void *m_pipe;
    void *m_relayStop;
    void *m_stop; // manual-reset: this connection only
    std::atomic<int> m_running{2};
    std::thread m_socketToPipe;
    std::thread m_pipeToSocket;
};

} // namespace strata
