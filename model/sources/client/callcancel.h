#pragma once

#include <mutex>

namespace grpc {
class ClientContext;
}

namespace strata {

// Lets another thread end a blocking call (a stream, Tasks.Wait) at once: the call returns
// Cancelled. Once cancelled it stays so, and calls that attach later fail straight away.
class CallCancel
{
public:
    // Any thread.
    void cancel();
    bool isCancelled() const;

    // For the services: the context of the call under way (one at a time); false when
    // already cancelled, and the call must not be made.
    bool attach(grpc::ClientContext *context);
    void detach();

private:
    mutable std::mutex m_mutex;
    grpc::ClientContext *m_context = nullptr;
    bool m_cancelled = false;
};

} // namespace strata
