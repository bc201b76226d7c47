#pragma once

#include "core/result.h"

#include <QString>

#include <memory>

namespace strata {

class PipeBridge;

// The named-pipe transport for the containerd client on Windows. gRPC C++ cannot dial a pipe
// and containerd's TCP listener serves only CRI, so the client dials a loopback port that
// this relay bridges to the pipe (see PipeBridge and README.md beside this file). The client
// keeps the relay alive as long as its channel.
class PipeRelay
{
public:
    // `pipeName` in the `\\.\pipe\name` form. Fails only when the loopback listener cannot be
    // set up; a missing daemon or a denied pipe shows up on the first call (and in the log).
    static Result<std::shared_ptr<PipeRelay>> start(const QString &pipeName);
    ~PipeRelay();

    PipeRelay(const PipeRelay &) = delete;
    PipeRelay &operator=(const PipeRelay &) = delete;

    quint16 port() const;
    // What gRPC dials to reach the pipe: ipv4:127.0.0.1:<port>.
    QString grpcTarget() const;

private:
    explicit PipeRelay(std::unique_ptr<PipeBridge> bridge);

    std::unique_ptr<PipeBridge> m_bridge;
};

} // namespace strata
