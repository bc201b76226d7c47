#pragma once

#include "core/result.h"
#include "platform/windows/stdiopipes.h"

#include <QString>

#include <atomic>
#include <memory>

namespace strata {

// The Windows counterpart of FifoSet, with its shape, so RunEngine takes either through a
// type alias: the named pipes of a task's stdio, listening before Tasks.Create
// (the shim dials them). StdioPipes does the Win32 work; this adds Result and QString.
class TaskPipes
{
public:
    using Stream = StdioPipes::Stream;

    // `\\.\pipe\strata-<id>-<pid>-<random>-stdin|-stdout|-stderr`, restricted to SYSTEM,
    // Administrators and the current user. A stream left out has an empty path and no handle.
    static Result<std::unique_ptr<TaskPipes>> create(const QString &id, bool withStdin, bool withStderr);
    ~TaskPipes();
    TaskPipes(const TaskPipes &) = delete;
    TaskPipes &operator=(const TaskPipes &) = delete;

    QString path(Stream stream) const;
    // The server end, a HANDLE opened for overlapped I/O (what TaskPipeReader takes). Named
    // like FifoSet::fd so the callers of RunEngine::fifos() read the same on both systems.
    void *fd(Stream stream) const;

    // Once Tasks.Create has returned, or failed: the shim dialled every pipe inside Create,
    // so listening stops, and a pipe nobody opened reads as EOF instead of never ending
    // (FifoSet drops its placeholder writers at the same point, to the same effect).
    void releaseHolds();
    // Writes all bytes to the task's stdin, waiting while the pipe is full until `abort`
    // (when given) turns true.
    Status writeStdin(const char *data, qsizetype size, const std::atomic<bool> *abort = nullptr);
    void closeStdin();

private:
    explicit TaskPipes(std::unique_ptr<StdioPipes> pipes);

    std::unique_ptr<StdioPipes> m_pipes;
};

} // namespace strata
