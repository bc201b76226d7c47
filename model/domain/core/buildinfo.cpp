#include "core/buildinfo.h"

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

namespace strata {

QString BuildInfo::grpcVersion()
{
    return QString::fromStdString(grpc::Version());
}

QString BuildInfo::protobufVersion()
{
    // GOOGLE_PROTOBUF_VERSION encodes major * 1000000 + minor * 1000 + patch.
    constexpr int v = GOOGLE_PROTOBUF_VERSION;
    return QStringLiteral("%1.%2.%3").arg(v / 1000000).arg(v / 1000 % 1000).arg(v % 1000);
}

} // namespace strata
