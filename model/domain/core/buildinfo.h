#pragma once

#include <QString>

namespace strata {

// Versions of the libraries behind the containerd boundary. gRPC and protobuf headers stay
// private to strata_model, so views ask here instead of including them.
class BuildInfo
{
public:
    // The gRPC C++ library Strata runs with, e.g. "1.51.1".
    static QString grpcVersion();
    // The protobuf headers Strata was built against, e.g. "3.21.12"; the generated code
    // refuses to run with an incompatible runtime, so this is also the runtime's series.
    static QString protobufVersion();
};

} // namespace strata
