#pragma once

#include "core/result.h"
#include "platform/windows/pipedrain.h"

#include <QString>

#include <functional>

namespace strata {

// The Windows counterpart of StreamReader, with its shape: drains one task output pipe
// (TaskPipes::fd) on its own thread until the shim hangs up. PipeDrain does the Win32 work;
// this adds Status.
class TaskPipeReader
{
public:
    using Sink = std::function<void(const char *data, qsizetype size)>;

    // Borrows `pipe` (TaskPipes::fd); it must outlive the reader.
    explicit TaskPipeReader(void *pipe);
    ~TaskPipeReader(); // cancels and joins
    TaskPipeReader(const TaskPipeReader &) = delete;
    TaskPipeReader &operator=(const TaskPipeReader &) = delete;

    // `sink` runs on the reader thread; `chunk` bounds a single call.
    void start(Sink sink, qsizetype chunk = 64 * 1024);
    // Copies the bytes to a HANDLE (a console, file or pipe opened for synchronous writes)...
    void startForwarding(void *out);
    // ...or to a C runtime descriptor (STDOUT_FILENO, as stratactl passes it).
    void startForwarding(int outFd);

    // Stops at the next wakeup, EOF or not (the task is gone and the shim stuck, or quitting).
    void cancel();
    // Blocks until EOF, an error or cancel(). The error, if any, is then in status().
    void join();
    bool atEnd() const { return m_drain.atEnd(); }
    qint64 bytes() const { return m_drain.bytes(); }
    const Status &status() const { return m_status; }

private:
    PipeDrain m_drain;
    Status m_status = success();
};

} // namespace strata
