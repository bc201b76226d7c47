#include "signalwatcher.h"

#include <csignal>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace strata::ctl {

namespace {

struct Shared
{
    std::mutex mutex;
    SignalWatcher::Handler handler;
    sigset_t set;
};

// Never destroyed: the watcher thread may still be in sigwait while exit() runs destructors.
Shared &shared()
{
    static Shared *s = new Shared;
    return *s;
}

void dieOf(int signal)
{
    // The disposition the process started with, delivered to this thread where it is unblocked.
    std::signal(signal, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signal);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    pthread_kill(pthread_self(), signal);
}

void watch()
{
    Shared &s = shared();
    for (;;) {
        int signal = 0;
        if (sigwait(&s.set, &signal) != 0)
            continue;
        std::lock_guard lock(s.mutex);
        if (s.handler)
            s.handler(signal);
        else if (signal != SIGWINCH)
            dieOf(signal);
    }
}

} // namespace

void SignalWatcher::install()
{
    Shared &s = shared();
    sigemptyset(&s.set);
    for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGWINCH})
        sigaddset(&s.set, signal);
    pthread_sigmask(SIG_BLOCK, &s.set, nullptr);
    std::thread(watch).detach();
}

SignalWatcher::Scope::Scope(Handler handler)
{
    std::lock_guard lock(shared().mutex);
    shared().handler = std::move(handler);
}

SignalWatcher::Scope::~Scope()
{
    std::lock_guard lock(shared().mutex);
    shared().handler = nullptr;
}

} // namespace strata::ctl
