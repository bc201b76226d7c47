#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

namespace strata {

// The named-pipe servers for a Windows task's stdio. The client is the pipe
// server: containerd's shim (hcsshim) dials `\\.\pipe\...` paths given in Tasks.Create and
// fails the create when a name does not exist, so every pipe is created and listening
// (overlapped ConnectNamedPipe pending) before create() returns. Pure Win32 + std (no Qt) so
// it compiles and self-tests with mingw; TaskPipes wraps it for the Qt side. Handles are
// plain pointers to keep <windows.h> out of the header.
class StdioPipes
{
public:
    enum class Stream { Stdin, Stdout, Stderr };

    struct WriteStatus
    {
        enum Kind { Written, Closed, Aborted, Failed } kind = Written;
        std::wstring message;
    };

    // `\\.\pipe\strata-<id>-<pid>-<random>-stdin|stdout|stderr`, byte mode, one instance
    // each, local clients only, admitting SYSTEM, Administrators and the current user. A
    // stream left out has an empty path and no handle. Fails with a sentence.
    static std::variant<std::unique_ptr<StdioPipes>, std::wstring> create(const std::wstring &id, bool withStdin,
                                                                          bool withStderr);
    // Readers of the handles must have been joined. A connect still pending is cancelled.
    ~StdioPipes();
    StdioPipes(const StdioPipes &) = delete;
    StdioPipes &operator=(const StdioPipes &) = delete;

    const std::wstring &path(Stream stream) const;
    // The server end (a HANDLE opened with FILE_FLAG_OVERLAPPED); null when left out.
    void *handle(Stream stream) const;
    bool connected(Stream stream) const;

    // Call once Tasks.Create has returned, whether it succeeded or not, and before reading or
    // writing. The shim dials every pipe inside Create, so a pipe nobody connected to by now
    // never will be: its listen is cancelled and the pipe disconnected, so a read there ends
    // at once (as EOF) instead of waiting forever.
    void releaseHolds();

    // Writes all bytes to the task's stdin, waiting while the pipe is full until `abort`
    // (when given) turns true or closeStdin() is called from another thread.
    WriteStatus writeStdin(const char *data, std::size_t size, const std::atomic<bool> *abort = nullptr);
    // Our end closes; the shim reads what is buffered, then EOF, and closes the process's
    // stdin. Safe while another thread is in writeStdin (that write is abandoned).
    void closeStdin();

private:
    struct Pipe;

    StdioPipes();
    bool open(Stream stream, const std::wstring &path, void *security, std::wstring &error);

    std::unique_ptr<Pipe> m_pipes[3];
    void *m_stdinClosing = nullptr; // manual-reset event
    std::mutex m_stdinMutex;        // held by a write in flight; closeStdin waits for it
};

} // namespace strata
