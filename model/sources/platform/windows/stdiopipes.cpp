#include "platform/windows/stdiopipes.h"

#include "platform/windows/win32.h"
#include "platform/windows/win32error.h"
#include <sddl.h>

#include <algorithm>
#include <random>
#include <vector>

namespace strata {

namespace {

// What the shim's writes land in before we read them; containerd's client uses the system
// default, this is a little more so a chatty task stalls less often.
constexpr DWORD kBufferBytes = 64 * 1024;
// One WriteFile at most; the pipe takes it in as the shim reads.
constexpr std::size_t kWriteSlice = 1 << 20;
// How often a blocked stdin write looks at its abort flag.
constexpr DWORD kAbortSlice = 100;

// The name part no other run, and no other process guessing ahead, can have: our process id
// and 64 random bits. Creating with FILE_FLAG_FIRST_PIPE_INSTANCE then refuses a name some
// other process took first rather than joining its pipe.
std::wstring uniqueBase(const std::wstring &id)
{
    std::random_device random;
    unsigned long long bits = (static_cast<unsigned long long>(random()) << 32) ^ random();
    std::wstring tail(16, L'0');
    for (auto digit = tail.rbegin(); digit != tail.rend(); ++digit, bits >>= 4)
        *digit = L"0123456789abcdef"[bits & 15];
    return L"\\\\.\\pipe\\strata-" + id + L"-" + std::to_wstring(GetCurrentProcessId()) + L"-" + tail;
}

// The pipes' DACL: SYSTEM (containerd and its shims run as LocalSystem), Administrators
// (containerd's own pipe admits only them, so Strata runs elevated) and the current user
// (a containerd started by hand from this account). Everyone else, unelevated programs of
// this user included, cannot dial in to read the output or inject input. Null on failure;
// free with LocalFree.
PSECURITY_DESCRIPTOR ownerOnlyDescriptor(std::wstring &error)
{
    HANDLE token = nullptr;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        error = L"cannot read this process's token: " + win32ErrorText(GetLastError());
        return nullptr;
    }
    DWORD size = 0;
    GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector<unsigned char> user(std::max<DWORD>(size, sizeof(TOKEN_USER)));
    const BOOL haveUser = GetTokenInformation(token, TokenUser, user.data(), DWORD(user.size()), &size);
    const DWORD tokenError = GetLastError();
    CloseHandle(token);
    wchar_t *sid = nullptr;
    if (!haveUser || !ConvertSidToStringSidW(reinterpret_cast<TOKEN_USER *>(user.data())->User.Sid, &sid)) {
        error = L"cannot read the current user: " + win32ErrorText(haveUser ? GetLastError() : tokenError);
        return nullptr;
    }
    const std::wstring sddl = L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GA;;;" + std::wstring(sid) + L")";
    LocalFree(sid);
    PSECURITY_DESCRIPTOR descriptor = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &descriptor, nullptr)) {
        error = L"cannot build the pipes' access list: " + win32ErrorText(GetLastError());
        return nullptr;
    }
    return descriptor;
}

} // namespace

struct StdioPipes::Pipe
{
    std::wstring path;
    HANDLE handle = INVALID_HANDLE_VALUE;
    OVERLAPPED connect{};
    bool pending = false; // the kernel still owns `connect`
    bool connected = false;

    // Ends a pending listen; true when a client had connected by then.
    bool settle()
    {
        if (pending) {
            if (!HasOverlappedIoCompleted(&connect))
                CancelIoEx(handle, &connect);
            DWORD unused = 0;
            const BOOL ok = GetOverlappedResult(handle, &connect, &unused, TRUE);
            pending = false;
            connected = ok || GetLastError() == ERROR_PIPE_CONNECTED;
        }
        return connected;
    }

    ~Pipe()
    {
        if (handle != INVALID_HANDLE_VALUE) {
            settle();
            CloseHandle(handle);
        }
        if (connect.hEvent)
            CloseHandle(connect.hEvent);
    }
};

StdioPipes::StdioPipes() = default;

StdioPipes::~StdioPipes()
{
    for (auto &pipe : m_pipes)
        pipe.reset();
    if (m_stdinClosing)
        CloseHandle(m_stdinClosing);
}

std::variant<std::unique_ptr<StdioPipes>, std::wstring> StdioPipes::create(const std::wstring &id, bool withStdin,
                                                                           bool withStderr)
{
    std::unique_ptr<StdioPipes> set(new StdioPipes);
    set->m_stdinClosing = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!set->m_stdinClosing)
        return L"cannot create an event: " + win32ErrorText(GetLastError());

    std::wstring error;
    const PSECURITY_DESCRIPTOR descriptor = ownerOnlyDescriptor(error);
    if (!descriptor)
        return error;
    const std::wstring base = uniqueBase(id);
    const bool wanted[3] = {withStdin, true, withStderr};
    const wchar_t *suffix[3] = {L"-stdin", L"-stdout", L"-stderr"};
    bool ok = true;
    for (int i = 0; i < 3 && ok; ++i) {
        if (wanted[i])
            ok = set->open(Stream(i), base + suffix[i], descriptor, error);
    }
    LocalFree(descriptor);
    if (!ok)
        return error;
    return set;
}

bool StdioPipes::open(Stream stream, const std::wstring &path, void *security, std::wstring &error)
{
    auto pipe = std::make_unique<Pipe>();
    pipe->path = path;
    SECURITY_ATTRIBUTES attributes{sizeof attributes, security, FALSE};
    // Duplex although each stream flows one way: the shim dials every pipe with
    // GENERIC_READ | GENERIC_WRITE (go-winio's DialPipe), which a one-way pipe refuses.
    pipe->handle = CreateNamedPipeW(path.c_str(), PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
                                    PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1,
                                    kBufferBytes, kBufferBytes, 0, &attributes);
    if (pipe->handle == INVALID_HANDLE_VALUE) {
        error = L"cannot create " + path + L": " + win32ErrorText(GetLastError());
        return false;
    }
    pipe->connect.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!pipe->connect.hEvent) {
        error = L"cannot create an event: " + win32ErrorText(GetLastError());
        return false;
    }
    if (ConnectNamedPipe(pipe->handle, &pipe->connect)) {
        pipe->connected = true;
    } else if (const DWORD code = GetLastError(); code == ERROR_IO_PENDING) {
        pipe->pending = true;
    } else if (code == ERROR_PIPE_CONNECTED) {
        pipe->connected = true;
    } else {
        error = L"cannot listen on " + path + L": " + win32ErrorText(code);
        return false;
    }
    m_pipes[int(stream)] = std::move(pipe);
    return true;
}

const std::wstring &StdioPipes::path(Stream stream) const
{
    static const std::wstring none;
    const Pipe *pipe = m_pipes[int(stream)].get();
    return pipe ? pipe->path : none;
}

void *StdioPipes::handle(Stream stream) const
{
    const Pipe *pipe = m_pipes[int(stream)].get();
    return pipe ? pipe->handle : nullptr;
}

bool StdioPipes::connected(Stream stream) const
{
    const Pipe *pipe = m_pipes[int(stream)].get();
    return pipe && pipe->connected;
}

void StdioPipes::releaseHolds()
{
    std::lock_guard lock(m_stdinMutex);
    for (auto &pipe : m_pipes) {
        // Disconnected, a late client meets a busy pipe and a read fails at once.
        if (pipe && !pipe->settle())
            DisconnectNamedPipe(pipe->handle);
    }
}

StdioPipes::WriteStatus StdioPipes::writeStdin(const char *data, std::size_t size, const std::atomic<bool> *abort)
{
    std::lock_guard lock(m_stdinMutex);
    Pipe *pipe = m_pipes[int(Stream::Stdin)].get();
    if (!pipe)
        return {WriteStatus::Closed, L"stdin is closed"};
    if (pipe->pending || !pipe->connected)
        return {WriteStatus::Failed, L"the task's stdin is not connected"};
    OVERLAPPED ov{};
    ov.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!ov.hEvent)
        return {WriteStatus::Failed, L"cannot create an event: " + win32ErrorText(GetLastError())};
    WriteStatus status;
    while (size > 0 && status.kind == WriteStatus::Written) {
        const DWORD slice = DWORD(std::min(size, kWriteSlice));
        if (!WriteFile(pipe->handle, data, slice, nullptr, &ov) && GetLastError() != ERROR_IO_PENDING) {
            status = {WriteStatus::Failed, L"write to the task's stdin: " + win32ErrorText(GetLastError())};
            break;
        }
        // The process may never read: wait in slices so a run that ends can stop us.
        const HANDLE waits[] = {ov.hEvent, static_cast<HANDLE>(m_stdinClosing)};
        DWORD woke;
        while ((woke = WaitForMultipleObjects(2, waits, FALSE, kAbortSlice)) == WAIT_TIMEOUT) {
            if (abort && abort->load())
                break;
        }
        if (woke != WAIT_OBJECT_0) {
            CancelIoEx(pipe->handle, &ov);
            status = woke == WAIT_OBJECT_0 + 1
                ? WriteStatus{WriteStatus::Closed, L"stdin was closed before the input was read"}
                : WriteStatus{WriteStatus::Aborted, L"the run ended before its input was read"};
        }
        // Waited for even when cancelled: the kernel owns `ov` and `data` until it reports.
        DWORD written = 0;
        if (!GetOverlappedResult(pipe->handle, &ov, &written, TRUE) && status.kind == WriteStatus::Written)
            status = {WriteStatus::Failed, L"write to the task's stdin: " + win32ErrorText(GetLastError())};
        data += written;
        size -= written;
    }
    CloseHandle(ov.hEvent);
    return status;
}

void StdioPipes::closeStdin()
{
    SetEvent(m_stdinClosing);
    std::lock_guard lock(m_stdinMutex);
    // No FlushFileBuffers: it would wait for a process that may never read. Closing (unlike
    // DisconnectNamedPipe) leaves what is buffered readable for the shim, then EOF.
    m_pipes[int(Stream::Stdin)].reset();
}

} // namespace strata
