#include "client/snapshotsservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/snapshots/v1/snapshots.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace sn = containerd::services::snapshots::v1;
using proto::str;

namespace {

SnapshotInfo info(const sn::Info &i)
{
    SnapshotInfo out;
    out.key = str(i.name());
    out.parent = str(i.parent());
    out.kind = static_cast<SnapshotKind>(i.kind());
    out.labels = proto::labels(i.labels());
    out.created = proto::time(i.created_at());
    out.updated = proto::time(i.updated_at());
    return out;
}

} // namespace

SnapshotsService::SnapshotsService(std::shared_ptr<const Client> client, QString snapshotter)
    : m_client(std::move(client))
    , m_snapshotter(std::move(snapshotter))
{
}

Result<QList<SnapshotInfo>> SnapshotsService::list() const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::ListSnapshotsRequest req;
    req.set_snapshotter(str(m_snapshotter));
    // A list of thousands of snapshots streams for a while: no per-call deadline.
    auto ctx = m_client->streamContext();
    auto reader = stub->List(ctx.get(), req);
    QList<SnapshotInfo> out;
    sn::ListSnapshotsResponse resp;
    while (reader->Read(&resp)) {
        for (const auto &i : resp.info())
            out << info(i);
    }
    auto status = reader->Finish();
    if (!status.ok())
        return toError(status);
    return out;
}

Result<SnapshotInfo> SnapshotsService::stat(const QString &key) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::StatSnapshotRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    sn::StatSnapshotResponse resp;
    auto status = stub->Stat(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return info(resp.info());
}

Result<QList<Mount>> SnapshotsService::mounts(const QString &key) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::MountsRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    sn::MountsResponse resp;
    auto status = stub->Mounts(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return proto::mounts(resp.mounts());
}

Result<SnapshotUsage> SnapshotsService::usage(const QString &key) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::UsageRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    sn::UsageResponse resp;
    auto status = stub->Usage(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return SnapshotUsage{resp.size(), resp.inodes()};
}

Result<QList<Mount>> SnapshotsService::prepare(const QString &key, const QString &parent,
                                               const QMap<QString, QString> &labels, const QString &lease) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::PrepareSnapshotRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    req.set_parent(str(parent));
    proto::setLabels(req.mutable_labels(), labels);
    sn::PrepareSnapshotResponse resp;
    auto status = stub->Prepare(m_client->context(lease).get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return proto::mounts(resp.mounts());
}

Result<QList<Mount>> SnapshotsService::view(const QString &key, const QString &parent,
                                            const QMap<QString, QString> &labels, const QString &lease) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::ViewSnapshotRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    req.set_parent(str(parent));
    proto::setLabels(req.mutable_labels(), labels);
    sn::ViewSnapshotResponse resp;
    auto status = stub->View(m_client->context(lease).get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return proto::mounts(resp.mounts());
}

Status SnapshotsService::commit(const QString &name, const QString &key,
                                const QMap<QString, QString> &labels, const QString &lease) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::CommitSnapshotRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_name(str(name));
    req.set_key(str(key));
    proto::setLabels(req.mutable_labels(), labels);
    google::protobuf::Empty resp;
    auto status = stub->Commit(m_client->context(lease).get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

Status SnapshotsService::remove(const QString &key) const
{
    auto stub = sn::Snapshots::NewStub(m_client->channel());
    sn::RemoveSnapshotRequest req;
    req.set_snapshotter(str(m_snapshotter));
    req.set_key(str(key));
    google::protobuf::Empty resp;
    auto status = stub->Remove(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

} // namespace strata
