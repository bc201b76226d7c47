#pragma once

#include "core/result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <thread>

namespace strata {

// Drains one task output FIFO on its own thread until EOF, so neither the GUI nor a gRPC
// call ever waits on it. Either hands chunks to a sink (the console) or moves the bytes
// straight to another descriptor with splice(2) (stratactl: no copy through user space).
class StreamReader
{
public:
    using Sink = std::function<void(const char *data, qsizetype size)>;

    // Borrows `fd` (non-blocking read end); it must outlive the reader.
    explicit StreamReader(int fd);
    ~StreamReader(); // cancels and joins
    StreamReader(const StreamReader &) = delete;
    StreamReader &operator=(const StreamReader &) = delete;

    // `sink` runs on the reader thread; `chunk` bounds a single call.
    void start(Sink sink, qsizetype chunk = 64 * 1024);
    // `onClosed` runs once, on the reader thread, when `outFd` is a pipe whose reader went away
    // (EPIPE, with SIGPIPE ignored); the task's output is then drained and dropped, so that a
    // task still writing is not stuck on a full FIFO while it is being stopped.
    void startForwarding(int outFd, std::function<void()> onClosed = {});

    // Stops at the next wakeup, EOF or not (the task is gone and the shim stuck, or quitting).
    void cancel();
    // Blocks until EOF, an error or cancel(). The error, if any, is then in error().
    void join();
    bool atEnd() const { return m_done.load(); }
    qint64 bytes() const { return m_bytes.load(); }
    const Status &status() const { return m_status; }

private:
    // Waits for input or a cancel; false when cancelled.
    bool waitReadable();
    void readLoop(const Sink &sink, qsizetype chunk);
    void forwardLoop(int outFd, const std::function<void()> &onClosed);

    int m_fd;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::atomic<qint64> m_bytes{0};
    Status m_status = success();
};

} // namespace strata
