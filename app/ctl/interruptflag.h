#pragma once

#include "signalwatcher.h"

#include <atomic>
#include <csignal>

namespace strata::ctl {

// Set by SIGINT, SIGTERM or SIGHUP while alive: what a long command (pull, unpack, import,
// export) hands its work as the cancel flag, so that Ctrl+C stops it cleanly.
class InterruptFlag
{
public:
    InterruptFlag()
        : m_scope([this](int signal) {
            if (signal != SIGWINCH)
                m_set = true;
        })
    {
    }

    const std::atomic_bool *get() const { return &m_set; }

private:
    std::atomic_bool m_set = false;
    SignalWatcher::Scope m_scope;
};

} // namespace strata::ctl
