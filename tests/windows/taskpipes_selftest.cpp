// Self-test for a Windows task's stdio pipes (StdioPipes, PipeDrain: the Win32 core of
// TaskPipes and TaskPipeReader). Built only by scripts/check-windows-compile.sh with mingw-w64
// (not by CMake on Linux); run it on Windows or under wine. It plays the shim's side the way
// hcsshim does (dial each `\\.\pipe\...` path during "Tasks.Create", write, hang up), so it
// needs no containerd.
//
// Exit code 0 when every check passed.

#include "platform/windows/pipedrain.h"
#include "platform/windows/stdiopipes.h"

#include "platform/windows/win32.h"
#include "selfcheck.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using strata::PipeDrain;
using strata::StdioPipes;
using Stream = StdioPipes::Stream;

namespace {

std::unique_ptr<StdioPipes> makePipes(const std::wstring &id, bool withStdin, bool withStderr)
{
    auto created = StdioPipes::create(id, withStdin, withStderr);
    if (auto *error = std::get_if<std::wstring>(&created)) {
        std::printf("  FAIL: create: %ls\n", error->c_str());
        ++strata::selftest::failures;
        return nullptr;
    }
    return std::move(std::get<std::unique_ptr<StdioPipes>>(created));
}

// As the shim opens them: go-winio's DialPipe asks for read and write on every stream.
HANDLE dial(const std::wstring &path)
{
    return CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, 0, nullptr, OPEN_EXISTING,
                       SECURITY_SQOS_PRESENT | SECURITY_ANONYMOUS, nullptr);
}

bool writeAll(HANDLE h, const char *data, size_t size)
{
    while (size > 0) {
        DWORD n = 0;
        if (!WriteFile(h, data, DWORD(size), &n, nullptr))
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Everything until the other end hangs up; `endCode` gets the error that ended it.
std::string readAll(HANDLE h, DWORD *endCode)
{
    std::string data;
    char buffer[16384];
    DWORD n = 0;
    while (ReadFile(h, buffer, sizeof buffer, &n, nullptr))
        data.append(buffer, n);
    *endCode = GetLastError();
    return data;
}

// Bytes no text layer would pass through untouched: NUL, 0xff, invalid UTF-8, CR without LF.
std::string binaryPattern(size_t size, unsigned seed)
{
    std::string data(size, '\0');
    for (size_t i = 0; i < size; ++i)
        data[i] = char((i * 131 + i / 257 + seed) & 0xff);
    return data;
}

struct Collected
{
    std::string data;
    int calls = 0;
};

void drainInto(PipeDrain &drain, Collected &into, std::ptrdiff_t chunk = 64 * 1024)
{
    drain.start(
        [&into](const char *d, std::ptrdiff_t n) {
            into.data.append(d, size_t(n));
            ++into.calls;
        },
        chunk);
}

bool waitEnd(const PipeDrain &drain, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!drain.atEnd() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    return drain.atEnd();
}

// Joins when the drain ends by itself within `limit`; otherwise fails, cancels and joins.
// A drain that ignores the cancel too would hang the test, so that ends the run at once.
bool endsWithin(PipeDrain &drain, std::chrono::milliseconds limit)
{
    const bool ended = waitEnd(drain, limit);
    if (!ended)
        drain.cancel();
    if (!waitEnd(drain, 2s)) {
        std::printf("  FAIL: a drain ignored cancel(); giving up\n");
        std::fflush(stdout);
        ExitProcess(2);
    }
    drain.join();
    return ended;
}

void testNames()
{
    std::puts("names: unique, under \\\\.\\pipe\\strata-<id>-, absent streams empty");
    auto a = makePipes(L"names", true, true);
    auto b = makePipes(L"names", true, true);
    auto c = makePipes(L"names", false, false);
    if (!a || !b || !c)
        return;
    const std::wstring prefix = L"\\\\.\\pipe\\strata-names-";
    for (Stream s : {Stream::Stdin, Stream::Stdout, Stream::Stderr}) {
        CHECK(a->path(s).rfind(prefix, 0) == 0);
        CHECK(a->handle(s) != nullptr);
        CHECK(a->path(s) != b->path(s));
    }
    CHECK(a->path(Stream::Stdin).ends_with(L"-stdin"));
    CHECK(a->path(Stream::Stdout).ends_with(L"-stdout"));
    CHECK(a->path(Stream::Stderr).ends_with(L"-stderr"));
    CHECK(a->path(Stream::Stdout) != a->path(Stream::Stderr));
    CHECK(c->path(Stream::Stdin).empty() && c->handle(Stream::Stdin) == nullptr);
    CHECK(c->path(Stream::Stderr).empty() && c->handle(Stream::Stderr) == nullptr);
    CHECK(!c->path(Stream::Stdout).empty());
    CHECK(c->writeStdin("x", 1).kind == StdioPipes::WriteStatus::Closed);
}

void testOutputWholeAndApart()
{
    std::puts("stdout and stderr arrive whole, in order and apart (binary, no final newline)");
    auto pipes = makePipes(L"output", false, true);
    if (!pipes)
        return;
    const std::string out = binaryPattern(3 * 1024 * 1024 + 17, 1) + "last line without newline";
    const std::string err = std::string("err \0\xff\x80\r line\n", 14) + binaryPattern(70000, 2) + "no newline";

    std::promise<void> dialled;
    std::promise<void> go;
    std::thread shim([&] {
        const HANDLE o = dial(pipes->path(Stream::Stdout));
        const HANDLE e = dial(pipes->path(Stream::Stderr));
        dialled.set_value();
        go.get_future().wait();
        // Uneven writes, the two streams interleaved.
        const size_t sizes[] = {1, 7, 4096, 65536 + 3, 300000, 13};
        size_t io = 0, ie = 0;
        for (int k = 0; io < out.size() || ie < err.size(); ++k) {
            const size_t n = sizes[k % 6];
            const size_t no = std::min(n, out.size() - io);
            const size_t ne = std::min(n / 3 + 1, err.size() - ie);
            writeAll(o, out.data() + io, no);
            writeAll(e, err.data() + ie, ne);
            io += no;
            ie += ne;
        }
        CloseHandle(o);
        CloseHandle(e);
    });
    dialled.get_future().wait();
    pipes->releaseHolds(); // Tasks.Create returned
    CHECK(pipes->connected(Stream::Stdout));
    CHECK(pipes->connected(Stream::Stderr));

    PipeDrain outDrain(pipes->handle(Stream::Stdout));
    PipeDrain errDrain(pipes->handle(Stream::Stderr));
    Collected gotOut, gotErr;
    drainInto(outDrain, gotOut);
    drainInto(errDrain, gotErr, 1000);
    go.set_value();
    shim.join();
    CHECK(endsWithin(outDrain, 10s));
    CHECK(endsWithin(errDrain, 10s));
    CHECK(gotOut.data.size() == out.size());
    CHECK(gotOut.data == out);
    CHECK(gotErr.data == err);
    CHECK(outDrain.bytes() == std::int64_t(out.size()));
    CHECK(errDrain.bytes() == std::int64_t(err.size()));
    CHECK(outDrain.error().empty());
    CHECK(errDrain.error().empty());
    CHECK(gotErr.calls >= int(err.size() / 1000)); // the chunk bound holds
}

void testExitBeforeRead()
{
    std::puts("a task that writes and exits before anything is read loses nothing");
    auto pipes = makePipes(L"early", false, true);
    if (!pipes)
        return;
    const std::string out("only\0line", 9);
    std::thread shim([&] {
        const HANDLE o = dial(pipes->path(Stream::Stdout));
        const HANDLE e = dial(pipes->path(Stream::Stderr));
        writeAll(o, out.data(), out.size());
        CloseHandle(o);
        CloseHandle(e);
    });
    shim.join();
    pipes->releaseHolds();
    PipeDrain outDrain(pipes->handle(Stream::Stdout));
    PipeDrain errDrain(pipes->handle(Stream::Stderr));
    Collected gotOut, gotErr;
    drainInto(outDrain, gotOut);
    drainInto(errDrain, gotErr);
    CHECK(endsWithin(outDrain, 2s));
    CHECK(endsWithin(errDrain, 2s));
    CHECK(gotOut.data == out);
    CHECK(gotErr.data.empty());
    CHECK(outDrain.error().empty() && errDrain.error().empty());
}

void testStdinReachesShim()
{
    std::puts("stdin reaches the shim in order; closeStdin gives it EOF after the buffered bytes");
    auto pipes = makePipes(L"stdin", true, false);
    if (!pipes)
        return;
    // Several times the pipe buffer, so writes wait for the shim to read.
    const std::string first = "hello\n";
    const std::string second = binaryPattern(2 * 1024 * 1024 + 5, 3);
    std::promise<void> dialled;
    std::string received;
    DWORD endCode = 0;
    std::thread shim([&] {
        const HANDLE in = dial(pipes->path(Stream::Stdin));
        const HANDLE o = dial(pipes->path(Stream::Stdout));
        dialled.set_value();
        received = readAll(in, &endCode);
        CloseHandle(in);
        CloseHandle(o);
    });
    dialled.get_future().wait();
    pipes->releaseHolds();
    CHECK(pipes->connected(Stream::Stdin));
    CHECK(pipes->writeStdin(first.data(), first.size()).kind == StdioPipes::WriteStatus::Written);
    CHECK(pipes->writeStdin(second.data(), second.size()).kind == StdioPipes::WriteStatus::Written);
    pipes->closeStdin();
    shim.join();
    CHECK(received == first + second);
    CHECK(endCode == ERROR_BROKEN_PIPE || endCode == ERROR_PIPE_NOT_CONNECTED);
    CHECK(pipes->handle(Stream::Stdin) == nullptr);
    CHECK(pipes->writeStdin("x", 1).kind == StdioPipes::WriteStatus::Closed);
}

void testBlockedStdinStops()
{
    std::puts("a stdin write the process never reads ends on abort, and on closeStdin");
    auto pipes = makePipes(L"blocked", true, false);
    if (!pipes)
        return;
    HANDLE in = INVALID_HANDLE_VALUE, o = INVALID_HANDLE_VALUE;
    std::thread shim([&] {
        in = dial(pipes->path(Stream::Stdin));
        o = dial(pipes->path(Stream::Stdout));
    });
    shim.join();
    pipes->releaseHolds();
    const std::string big = binaryPattern(4 * 1024 * 1024, 4);

    std::atomic<bool> abort{false};
    auto aborted = std::async(std::launch::async, [&] { return pipes->writeStdin(big.data(), big.size(), &abort); });
    CHECK(aborted.wait_for(300ms) == std::future_status::timeout);
    abort = true;
    const bool stopped = aborted.wait_for(2s) == std::future_status::ready;
    CHECK(stopped);
    if (!stopped) {
        // Ends the write another way so the test can go on (and report).
        pipes->closeStdin();
    }
    CHECK(aborted.get().kind == StdioPipes::WriteStatus::Aborted);
    if (!stopped)
        return;

    auto closed = std::async(std::launch::async, [&] { return pipes->writeStdin(big.data(), big.size()); });
    CHECK(closed.wait_for(300ms) == std::future_status::timeout);
    pipes->closeStdin();
    CHECK(closed.wait_for(2s) == std::future_status::ready);
    CHECK(closed.get().kind == StdioPipes::WriteStatus::Closed);
    CloseHandle(in);
    CloseHandle(o);
}

void testCancelWithoutWriter()
{
    std::puts("cancel() ends a reader whose shim stays silent");
    auto pipes = makePipes(L"silent", false, false);
    if (!pipes)
        return;
    HANDLE o = INVALID_HANDLE_VALUE;
    std::thread shim([&] { o = dial(pipes->path(Stream::Stdout)); });
    shim.join();
    pipes->releaseHolds();
    CHECK(pipes->connected(Stream::Stdout));
    PipeDrain drain(pipes->handle(Stream::Stdout));
    Collected got;
    drainInto(drain, got);
    std::this_thread::sleep_for(300ms);
    CHECK(!drain.atEnd());
    drain.cancel();
    CHECK(endsWithin(drain, 2s));
    CHECK(drain.bytes() == 0);
    CHECK(drain.error().empty());
    CloseHandle(o);
}

void testNeverDialled()
{
    std::puts("a pipe the shim never dialled reads as EOF once holds are released");
    auto pipes = makePipes(L"never", true, true);
    if (!pipes)
        return;
    pipes->releaseHolds(); // as after a failed Tasks.Create
    CHECK(!pipes->connected(Stream::Stdout));
    CHECK(!pipes->connected(Stream::Stdin));
    PipeDrain drain(pipes->handle(Stream::Stdout));
    Collected got;
    drainInto(drain, got);
    CHECK(endsWithin(drain, 1s));
    CHECK(drain.error().empty());
    CHECK(got.data.empty());
    CHECK(pipes->writeStdin("x", 1).kind == StdioPipes::WriteStatus::Failed);
}

void testForwarding()
{
    std::puts("startForwarding copies every byte to a handle");
    auto pipes = makePipes(L"forward", false, false);
    if (!pipes)
        return;
    wchar_t dir[MAX_PATH], file[MAX_PATH];
    GetTempPathW(MAX_PATH, dir);
    GetTempFileNameW(dir, L"stp", 0, file);
    const HANDLE sinkFile = CreateFileW(file, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr, CREATE_ALWAYS,
                                        FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, nullptr);
    CHECK(sinkFile != INVALID_HANDLE_VALUE);
    const std::string out = binaryPattern(1024 * 1024 + 3, 5) + "tail";
    std::promise<void> dialled;
    std::promise<void> go;
    std::thread shim([&] {
        const HANDLE o = dial(pipes->path(Stream::Stdout));
        dialled.set_value();
        go.get_future().wait();
        writeAll(o, out.data(), out.size());
        CloseHandle(o);
    });
    dialled.get_future().wait();
    pipes->releaseHolds();
    PipeDrain drain(pipes->handle(Stream::Stdout));
    drain.startForwarding(sinkFile);
    go.set_value();
    shim.join();
    CHECK(endsWithin(drain, 10s));
    CHECK(drain.error().empty());
    CHECK(drain.bytes() == std::int64_t(out.size()));
    SetFilePointer(sinkFile, 0, nullptr, FILE_BEGIN);
    std::string copied(out.size() + 16, '\0');
    DWORD n = 0;
    ReadFile(sinkFile, copied.data(), DWORD(copied.size()), &n, nullptr);
    copied.resize(n);
    CHECK(copied == out);
    CloseHandle(sinkFile);
}

} // namespace

int wmain()
{
    testNames();
    testOutputWholeAndApart();
    testExitBeforeRead();
    testStdinReachesShim();
    testBlockedStdinStops();
    testCancelWithoutWriter();
    testNeverDialled();
    testForwarding();

    return strata::selftest::report();
}
