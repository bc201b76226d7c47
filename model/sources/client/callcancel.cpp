#include "client/callcancel.h"

#include <grpcpp/client_context.h>

namespace strata {

void CallCancel::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_context)
        m_context->TryCancel();
}

bool CallCancel::isCancelled() const
{
    std::lock_guard lock(m_mutex);
    return m_cancelled;
}

bool CallCancel::attach(grpc::ClientContext *context)
{
    std::lock_guard lock(m_mutex);
    if (m_cancelled)
        return false;
    m_context = context;
    return true;
}

void CallCancel::detach()
{
    std::lock_guard lock(m_mutex);
    m_context = nullptr;
}

} // namespace strata
