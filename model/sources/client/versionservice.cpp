#include "client/versionservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/version/v1/version.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

Result<VersionInfo> VersionService::version() const
{
    auto stub = containerd::services::version::v1::Version::NewStub(m_client->channel());
    google::protobuf::Empty req;
    containerd::services::version::v1::VersionResponse resp;
    auto status = stub->Version(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return VersionInfo{proto::str(resp.version()), proto::str(resp.revision())};
}

} // namespace strata
