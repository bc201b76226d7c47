#pragma once

#include <functional>

namespace strata::ctl {

// Takes SIGINT, SIGTERM, SIGHUP and SIGWINCH on a thread of its own. install() blocks them
// before any other thread exists, so that every thread (gRPC's, the stream readers) inherits
// the mask and none of them can be the one a signal kills the process on. While a Scope is
// alive its handler gets them; without one a termination signal ends the process as it would
// have without us, and SIGWINCH is ignored.
class SignalWatcher
{
public:
    using Handler = std::function<void(int signal)>;

    // First thing in main().
    static void install();

    // The handler runs on the watcher thread, one signal at a time; the destructor waits for
    // a running call to return, so what the handler captures may die right after.
    class Scope
    {
    public:
        explicit Scope(Handler handler);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;
    };
};

} // namespace strata::ctl
