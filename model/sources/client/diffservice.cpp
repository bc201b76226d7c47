#include "client/diffservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/diff/v1/diff.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace df = containerd::services::diff::v1;
using proto::str;

Result<QString> DiffService::apply(const BlobDescriptor &layer, const QList<Mount> &mounts, const QString &lease) const
{
    auto stub = df::Diff::NewStub(m_client->channel());
    df::ApplyRequest req;
    auto *diff = req.mutable_diff();
    diff->set_media_type(str(layer.mediaType));
    diff->set_digest(str(layer.digest));
    diff->set_size(layer.size);
    for (const Mount &m : mounts)
        proto::toWire(m, req.add_mounts());
    df::ApplyResponse resp;
    auto status = stub->Apply(m_client->streamContext(lease).get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return str(resp.applied().digest());
}

} // namespace strata
