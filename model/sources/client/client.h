#pragma once

#include "core/result.h"

#include <QString>

#include <chrono>
#include <memory>

namespace grpc {
class Channel;
class ClientContext;
} // namespace grpc

namespace strata {

// One connection to a containerd: the channel, the namespace every call carries, and the
// default deadline. Cheap to share between threads (gRPC channels are thread-safe); the
// per-service wrappers borrow it and never outlive it.
class Client
{
public:
    struct Options
    {
        QString address;   // as the user typed it: unix:///path, /path, npipe:...
        QString ns = QStringLiteral("default");
        std::chrono::milliseconds timeout{10000};
    };

    // Fails only when the address cannot be used at all (bad form, named pipe off Windows);
    // an unreachable daemon shows up as Unavailable on the first call.
    static Result<std::shared_ptr<Client>> create(const Options &options);
    ~Client();

    const QString &address() const { return m_options.address; }
    const QString &ns() const { return m_options.ns; }
    std::chrono::milliseconds timeout() const { return m_options.timeout; }

    // A context for one call: namespace metadata, lease metadata when given, and a deadline
    // (none for streams, which pass `std::chrono::milliseconds::zero()`).
    std::unique_ptr<grpc::ClientContext> context(const QString &lease = {}) const;
    std::unique_ptr<grpc::ClientContext> streamContext(const QString &lease = {}) const;

    const std::shared_ptr<grpc::Channel> &channel() const { return m_channel; }

    // A client for another namespace over the same channel.
    std::shared_ptr<Client> withNamespace(const QString &ns) const;

private:
    Client(Options options, std::shared_ptr<grpc::Channel> channel, std::shared_ptr<void> keepAlive);

    Options m_options;
    // Anything the channel depends on (the Windows pipe relay); declared first so that it
    // outlives the channel.
    std::shared_ptr<void> m_keepAlive;
    std::shared_ptr<grpc::Channel> m_channel;
};

} // namespace strata
