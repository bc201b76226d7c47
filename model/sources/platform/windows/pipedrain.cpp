#include "platform/windows/pipedrain.h"

#include "platform/windows/stdiopipes.h"

#include "platform/windows/win32.h"
#include "platform/windows/win32error.h"

#include <vector>

namespace strata {

namespace {

// The shim hung up (the process ended), or never came: EOF either way.
bool isEnd(DWORD code)
{
    return code == ERROR_BROKEN_PIPE || code == ERROR_PIPE_NOT_CONNECTED || code == ERROR_PIPE_LISTENING
        || code == ERROR_NO_DATA || code == ERROR_HANDLE_EOF;
}

bool writeAll(HANDLE out, const char *data, DWORD size)
{
    while (size > 0) {
        DWORD written = 0;
        if (!WriteFile(out, data, size, &written, nullptr))
            return false;
        data += written;
        size -= written;
    }
    return true;
}

} // namespace

PipeDrain::PipeDrain(void *pipe)
    : m_pipe(pipe)
    , m_cancel(CreateEventW(nullptr, TRUE, FALSE, nullptr))
{
}

PipeDrain::~PipeDrain()
{
    cancel();
    join();
    if (m_cancel)
        CloseHandle(m_cancel);
}

void PipeDrain::start(Sink sink, std::ptrdiff_t chunk)
{
    m_thread = std::thread([this, sink = std::move(sink), chunk] {
        readLoop(
            [&sink](const char *data, unsigned long size) {
                sink(data, std::ptrdiff_t(size));
                return true;
            },
            chunk);
    });
}

void PipeDrain::startForwarding(void *out)
{
    m_thread = std::thread([this, out] {
        readLoop(
            [this, out](const char *data, unsigned long size) {
                if (writeAll(static_cast<HANDLE>(out), data, size))
                    return true;
                m_error = L"write the task's output: " + win32ErrorText(GetLastError());
                return false;
            },
            256 * 1024);
    });
}

void PipeDrain::cancel()
{
    if (m_cancel)
        SetEvent(m_cancel);
}

void PipeDrain::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void PipeDrain::readLoop(const std::function<bool(const char *, unsigned long)> &deliver, std::ptrdiff_t chunk)
{
    const auto pipe = static_cast<HANDLE>(m_pipe);
    const auto cancelled = static_cast<HANDLE>(m_cancel);
    std::vector<char> buffer(static_cast<std::size_t>(chunk));
    OVERLAPPED ov{};
    ov.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!ov.hEvent || !cancelled)
        m_error = L"cannot create an event: " + win32ErrorText(GetLastError());
    // Checked before every read: under a flood each read completes at once and its event
    // would always win the wait below.
    while (m_error.empty() && WaitForSingleObject(cancelled, 0) == WAIT_TIMEOUT) {
        if (!ReadFile(pipe, buffer.data(), DWORD(chunk), nullptr, &ov) && GetLastError() != ERROR_IO_PENDING) {
            if (!isEnd(GetLastError()))
                m_error = L"read from the task's output: " + win32ErrorText(GetLastError());
            break;
        }
        const HANDLE waits[] = {ov.hEvent, cancelled};
        const DWORD woke = WaitForMultipleObjects(2, waits, FALSE, INFINITE);
        if (woke != WAIT_OBJECT_0)
            CancelIoEx(pipe, &ov);
        // Waited for even when cancelled: the kernel owns `ov` and the buffer until it reports.
        DWORD got = 0;
        const BOOL ok = GetOverlappedResult(pipe, &ov, &got, TRUE);
        const DWORD code = ok ? ERROR_SUCCESS : GetLastError();
        if (got > 0) {
            m_bytes += got;
            if (!deliver(buffer.data(), got))
                break;
        }
        if (woke != WAIT_OBJECT_0)
            break;
        if (!ok && code != ERROR_MORE_DATA) {
            if (!isEnd(code))
                m_error = L"read from the task's output: " + win32ErrorText(code);
            break;
        }
    }
    if (ov.hEvent)
        CloseHandle(ov.hEvent);
    m_done = true;
}

} // namespace strata
