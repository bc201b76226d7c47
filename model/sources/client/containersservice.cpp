#include "client/containersservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/containers/v1/containers.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace cs = containerd::services::containers::v1;
using proto::str;

namespace {

constexpr auto kSpecTypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/Spec";

ContainerRecord record(const cs::Container &c)
{
    ContainerRecord out;
    out.id = str(c.id());
    out.labels = proto::labels(c.labels());
    out.image = str(c.image());
    out.runtime = str(c.runtime().name());
    out.spec = QByteArray::fromStdString(c.spec().value());
    out.snapshotter = str(c.snapshotter());
    out.snapshotKey = str(c.snapshot_key());
    out.created = proto::time(c.created_at());
    out.updated = proto::time(c.updated_at());
    return out;
}

} // namespace

Result<QList<ContainerRecord>> ContainersService::list(const QStringList &filters) const
{
    auto stub = cs::Containers::NewStub(m_client->channel());
    cs::ListContainersRequest req;
    for (const auto &f : filters)
        req.add_filters(str(f));
    cs::ListContainersResponse resp;
    auto status = stub->List(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    QList<ContainerRecord> out;
    for (const auto &c : resp.containers())
        out << record(c);
    return out;
}

Result<ContainerRecord> ContainersService::get(const QString &id) const
{
    auto stub = cs::Containers::NewStub(m_client->channel());
    cs::GetContainerRequest req;
    req.set_id(str(id));
    cs::GetContainerResponse resp;
    auto status = stub->Get(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return record(resp.container());
}

Result<ContainerRecord> ContainersService::create(const ContainerRecord &container, const QString &lease) const
{
    auto stub = cs::Containers::NewStub(m_client->channel());
    cs::CreateContainerRequest req;
    auto *c = req.mutable_container();
    c->set_id(str(container.id));
    proto::setLabels(c->mutable_labels(), container.labels);
    c->set_image(str(container.image));
    c->mutable_runtime()->set_name(str(container.runtime));
    c->mutable_spec()->set_type_url(kSpecTypeUrl);
    c->mutable_spec()->set_value(container.spec.toStdString());
    c->set_snapshotter(str(container.snapshotter));
    c->set_snapshot_key(str(container.snapshotKey));
    cs::CreateContainerResponse resp;
    auto status = stub->Create(m_client->context(lease).get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return record(resp.container());
}

Status ContainersService::remove(const QString &id) const
{
    auto stub = cs::Containers::NewStub(m_client->channel());
    cs::DeleteContainerRequest req;
    req.set_id(str(id));
    google::protobuf::Empty resp;
    auto status = stub->Delete(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

} // namespace strata
