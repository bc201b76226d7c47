#pragma once

#include "client/callcancel.h"
#include "client/eventenvelope.h"
#include "core/result.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace strata {

class Client;

// A streaming Events.Subscribe call. run() blocks its thread; cancel() may come from any other
// thread and makes run() return Cancelled promptly.
class EventSubscription
{
public:
    // Filters use containerd's syntax, e.g. `topic~="/snapshot/"` or `namespace==default`.
    EventSubscription(std::shared_ptr<const Client> client, QStringList filters = {});
    ~EventSubscription();

    // `onSubscribed` runs once the request has gone out, before the first event is read.
    Status run(const std::function<void(const EventEnvelope &)> &onEvent, const std::function<void()> &onSubscribed = {});
    void cancel();

private:
    std::shared_ptr<const Client> m_client;
    QStringList m_filters;
    CallCancel m_cancel;
};

} // namespace strata
