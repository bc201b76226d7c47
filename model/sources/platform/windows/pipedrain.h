#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace strata {

// Drains the server end of one task output pipe on its own thread until the shim hangs up,
// so neither the GUI nor a gRPC call ever waits on it. Reads are overlapped so cancel() ends
// a read that would otherwise wait forever on a silent task. Pure Win32 + std (no Qt);
// TaskPipeReader wraps it for the Qt side.
class PipeDrain
{
public:
    using Sink = std::function<void(const char *data, std::ptrdiff_t size)>;

    // Borrows `pipe` (a HANDLE opened with FILE_FLAG_OVERLAPPED); it must outlive the drain.
    explicit PipeDrain(void *pipe);
    ~PipeDrain(); // cancels and joins
    PipeDrain(const PipeDrain &) = delete;
    PipeDrain &operator=(const PipeDrain &) = delete;

    // `sink` runs on the drain's thread; `chunk` bounds a single call.
    void start(Sink sink, std::ptrdiff_t chunk = 64 * 1024);
    // Copies the bytes to `out` (a HANDLE for synchronous writes: a console, file or pipe).
    void startForwarding(void *out);

    // Stops at the next wakeup, EOF or not (the task is gone and the shim stuck, or quitting).
    void cancel();
    // Blocks until EOF, an error or cancel(). The error, if any, is then in error().
    void join();
    bool atEnd() const { return m_done.load(); }
    std::int64_t bytes() const { return m_bytes.load(); }
    // Empty after EOF or a cancel.
    const std::wstring &error() const { return m_error; }

private:
    // `deliver` returns false to stop (the forwarding target failed).
    void readLoop(const std::function<bool(const char *, unsigned long)> &deliver, std::ptrdiff_t chunk);

    void *m_pipe;
    void *m_cancel; // manual-reset event
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::atomic<std::int64_t> m_bytes{0};
    std::wstring m_error;
};

} // namespace strata
