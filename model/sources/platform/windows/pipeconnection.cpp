#include "platform/windows/pipeconnection.h"

#include "platform/windows/win32.h"

#include <optional>
#include <vector>

namespace strata {

namespace {

// Several HTTP/2 frames (16 KiB each by default) per system call.
constexpr DWORD kBufferBytes = 64 * 1024;

// Starts an overlapped read or write on a socket or a pipe. False when it failed at once
// (the peer is gone); otherwise `ov.hEvent` fires when it is done, even when it finished
// synchronously.
bool begin(HANDLE handle, bool isSocket, bool isRead, char *data, DWORD size, OVERLAPPED &ov)
{
    const HANDLE event = ov.hEvent;
    ov = OVERLAPPED{};
    ov.hEvent = event;
    ResetEvent(event);
    if (isSocket) {
        const auto socket = reinterpret_cast<SOCKET>(handle);
        WSABUF buffer{size, data};
        DWORD flags = 0;
        const int rc = isRead ? WSARecv(socket, &buffer, 1, nullptr, &flags, &ov, nullptr)
                              : WSASend(socket, &buffer, 1, nullptr, 0, &ov, nullptr);
        return rc == 0 || WSAGetLastError() == WSA_IO_PENDING;
    }
    const BOOL ok = isRead ? ReadFile(handle, data, size, nullptr, &ov) : WriteFile(handle, data, size, nullptr, &ov);
    return ok || GetLastError() == ERROR_IO_PENDING;
}

// Waits for the operation begun on `ov` or for a stop event. A stopped operation is cancelled
// and still waited for: the kernel owns `ov` and the buffer until it reports completion.
// Returns the bytes moved, or nothing when stopped or failed.
std::optional<DWORD> complete(HANDLE handle, bool isSocket, OVERLAPPED &ov, HANDLE stop, HANDLE relayStop)
{
    const HANDLE waits[] = {ov.hEvent, stop, relayStop};
    const DWORD woke = WaitForMultipleObjects(3, waits, FALSE, INFINITE);
    if (woke != WAIT_OBJECT_0)
        CancelIoEx(handle, &ov);
    DWORD bytes = 0;
    BOOL ok = FALSE;
    if (isSocket) {
        DWORD flags = 0;
        ok = WSAGetOverlappedResult(reinterpret_cast<SOCKET>(handle), &ov, &bytes, TRUE, &flags);
    } else {
        ok = GetOverlappedResult(handle, &ov, &bytes, TRUE);
    }
    if (woke != WAIT_OBJECT_0 || !ok)
        return std::nullopt;
    return bytes;
}

} // namespace

PipeConnection::PipeConnection(std::uintptr_t socket, void *pipe, void *relayStop)
    : m_socket(socket)
    , m_pipe(pipe)
    , m_relayStop(relayStop)
    , m_stop(CreateEventW(nullptr, TRUE, FALSE, nullptr))
{
    // Started only now that every member the threads read is in place. Should the event be
    // missing, the first wait fails and both directions end and close their handles.
    m_socketToPipe = std::thread([this] { pump(true); });
    m_pipeToSocket = std::thread([this] { pump(false); });
}

PipeConnection::~PipeConnection()
{
    if (m_stop)
        SetEvent(m_stop);
    m_socketToPipe.join();
    m_pipeToSocket.join();
    if (m_stop)
        CloseHandle(m_stop);
}

void PipeConnection::pump(bool socketToPipe)
{
    const auto socket = reinterpret_cast<HANDLE>(m_socket);
    const auto pipe = static_cast<HANDLE>(m_pipe);
    const HANDLE from = socketToPipe ? socket : pipe;
    const HANDLE to = socketToPipe ? pipe : socket;
    const auto stop = static_cast<HANDLE>(m_stop);
    const auto relayStop = static_cast<HANDLE>(m_relayStop);

    std::vector<char> buffer(kBufferBytes);
    OVERLAPPED ov{};
    ov.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    bool open = ov.hEvent != nullptr;
    while (open) {
        if (!begin(from, socketToPipe, true, buffer.data(), kBufferBytes, ov))
            break;
        const auto got = complete(from, socketToPipe, ov, stop, relayStop);
        // Zero bytes is an orderly close from the peer.
        if (!got || *got == 0)
            break;
        DWORD sent = 0;
        while (open && sent < *got) {
            const auto wrote = begin(to, !socketToPipe, false, buffer.data() + sent, *got - sent, ov)
                ? complete(to, !socketToPipe, ov, stop, relayStop)
                : std::nullopt;
            open = wrote && *wrote > 0;
            if (open)
                sent += *wrote;
        }
    }
    if (ov.hEvent)
        CloseHandle(ov.hEvent);
    directionEnded();
}

void PipeConnection::directionEnded()
{
    // Neither the pipe nor HTTP/2 has a use for a half-open connection: end the other
    // direction too.
    SetEvent(m_stop);
    if (m_running.fetch_sub(1) != 1)
        return;
    // The last direction out closes both ends now rather than when the relay reaps this
    // object, so gRPC sees the socket close (and reconnects) the moment containerd goes away.
    const auto socket = static_cast<SOCKET>(m_socket);
    shutdown(socket, SD_BOTH);
    closesocket(socket);
    CloseHandle(static_cast<HANDLE>(m_pipe));
}

} // namespace strata
