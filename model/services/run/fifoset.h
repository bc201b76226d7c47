#pragma once

#include "core/result.h"

#include <QString>

#include <atomic>
#include <memory>

namespace strata {

// The three FIFOs of a Linux task, made and opened before Tasks.Create: the
// shim opens the other ends, so ours must exist first or the shim blocks or fails.
// Each read end is paired with a placeholder writer of our own until the shim holds its write
// end: a FIFO read with no writer returns EOF at once, which would end the reader early.
class FifoSet
{
public:
    enum class Stream { Stdin, Stdout, Stderr };

    // Under `parentDir` (the temp dir when empty) a private 0700 directory holding
    // `<id>-stdin|-stdout|-stderr`. A stream left out has an empty path and no descriptor.
    static Result<std::unique_ptr<FifoSet>> create(const QString &id, bool withStdin, bool withStderr,
                                                   const QString &parentDir = {});
    ~FifoSet();
    FifoSet(const FifoSet &) = delete;
    FifoSet &operator=(const FifoSet &) = delete;

    QString path(Stream stream) const;
    // Read ends are O_RDONLY|O_NONBLOCK; stdin is O_RDWR (non-blocking too) so opening never
    // waits for the shim.
    int fd(Stream stream) const;

    // Once the shim holds its ends (Tasks.Create returned), or when it never will (Create
    // failed): from now on EOF on stdout/stderr means the shim closed them.
    void releaseHolds();
    // Writes all bytes to the task's stdin, waiting while the pipe is full until `abort`
    // (when given) turns true.
    Status writeStdin(const char *data, qsizetype size, const std::atomic<bool> *abort = nullptr);
    void closeStdin();

private:
    FifoSet() = default;

    QString m_dir;
    QString m_paths[3];
    int m_fds[3] = {-1, -1, -1};
    int m_holds[3] = {-1, -1, -1};
};

} // namespace strata
