#include "client/client.h"

#include "client/address.h"
#ifdef Q_OS_WIN
#include "platform/windows/piperelay.h"
#endif

#include <grpcpp/grpcpp.h>

namespace strata {

namespace {

// Large enough for any image config or manifest; content reads are chunked anyway.
constexpr int kMaxMessageBytes = 64 * 1024 * 1024;

std::unique_ptr<grpc::ClientContext> makeContext(const QString &ns, const QString &lease,
                                                 std::chrono::milliseconds timeout)
{
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata("containerd-namespace", ns.toStdString());
    if (!lease.isEmpty())
        ctx->AddMetadata("containerd-lease", lease.toStdString());
    if (timeout.count() > 0)
        ctx->set_deadline(std::chrono::system_clock::now() + timeout);
    return ctx;
}

} // namespace

Result<std::shared_ptr<Client>> Client::create(const Options &options)
{
    auto address = Address::parse(options.address);
    if (!address)
        return address.error();
    auto target = address->grpcTarget();
    std::shared_ptr<void> keepAlive;
#ifdef Q_OS_WIN
    // gRPC C++ cannot dial a named pipe: dial a loopback relay to it (model/platform/windows).
    if (address->kind() == Address::Kind::NamedPipe) {
        auto relay = PipeRelay::start(address->path());
        if (!relay)
            return relay.error();
        target = (*relay)->grpcTarget();
        keepAlive = *relay;
    }
#endif
    if (!target)
        return target.error();

    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(kMaxMessageBytes);
    args.SetMaxSendMessageSize(kMaxMessageBytes);
    // Reconnect quickly after containerd restarts instead of gRPC's multi-second backoff.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    // containerd is always local; gRPC would otherwise send even 127.0.0.1 (the Windows pipe
    // relay) through http(s)_proxy from the environment.
    args.SetInt(GRPC_ARG_ENABLE_HTTP_PROXY, 0);
    auto channel = grpc::CreateCustomChannel(target->toStdString(), grpc::InsecureChannelCredentials(), args);
    return std::shared_ptr<Client>(new Client(options, std::move(channel), std::move(keepAlive)));
}

Client::Client(Options options, std::shared_ptr<grpc::Channel> channel, std::shared_ptr<void> keepAlive)
    : m_options(std::move(options))
    , m_keepAlive(std::move(keepAlive))
    , m_channel(std::move(channel))
{
}

Client::~Client() = default;

std::unique_ptr<grpc::ClientContext> Client::context(const QString &lease) const
{
    return makeContext(m_options.ns, lease, m_options.timeout);
}

std::unique_ptr<grpc::ClientContext> Client::streamContext(const QString &lease) const
{
    return makeContext(m_options.ns, lease, std::chrono::milliseconds::zero());
}

std::shared_ptr<Client> Client::withNamespace(const QString &ns) const
{
    Options o = m_options;
    o.ns = ns;
    return std::shared_ptr<Client>(new Client(o, m_channel, m_keepAlive));
}

} // namespace strata
