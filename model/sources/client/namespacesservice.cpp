#include "client/namespacesservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/namespaces/v1/namespace.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace ns = containerd::services::namespaces::v1;

Result<QList<NamespaceRecord>> NamespacesService::list() const
{
    auto stub = ns::Namespaces::NewStub(m_client->channel());
    ns::ListNamespacesRequest req;
    ns::ListNamespacesResponse resp;
    auto status = stub->List(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    QList<NamespaceRecord> out;
    for (const auto &n : resp.namespaces())
        out << NamespaceRecord{proto::str(n.name()), proto::labels(n.labels())};
    return out;
}

} // namespace strata
