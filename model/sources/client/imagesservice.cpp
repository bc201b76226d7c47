#include "client/imagesservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/images/v1/images.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace im = containerd::services::images::v1;
using proto::str;

namespace {

ImageRecord image(const im::Image &i)
{
    ImageRecord out;
    out.name = str(i.name());
    out.mediaType = str(i.target().media_type());
    out.digest = str(i.target().digest());
    out.size = i.target().size();
    out.labels = proto::labels(i.labels());
    out.created = proto::time(i.created_at());
    out.updated = proto::time(i.updated_at());
    return out;
}

} // namespace

Result<QList<ImageRecord>> ImagesService::list(const QStringList &filters) const
{
    auto stub = im::Images::NewStub(m_client->channel());
    im::ListImagesRequest req;
    for (const auto &f : filters)
        req.add_filters(str(f));
    im::ListImagesResponse resp;
    auto status = stub->List(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    QList<ImageRecord> out;
    out.reserve(resp.images_size());
    for (const auto &i : resp.images())
        out << image(i);
    return out;
}

Result<ImageRecord> ImagesService::get(const QString &name) const
{
    auto stub = im::Images::NewStub(m_client->channel());
    im::GetImageRequest req;
    req.set_name(str(name));
    im::GetImageResponse resp;
    auto status = stub->Get(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return image(resp.image());
}

Result<ImageRecord> ImagesService::put(const ImageRecord &record) const
{
    auto stub = im::Images::NewStub(m_client->channel());
    im::Image wire;
    wire.set_name(str(record.name));
    wire.mutable_target()->set_media_type(str(record.mediaType));
    wire.mutable_target()->set_digest(str(record.digest));
    wire.mutable_target()->set_size(record.size);
    proto::setLabels(wire.mutable_labels(), record.labels);

    im::CreateImageRequest create;
    *create.mutable_image() = wire;
    im::CreateImageResponse created;
    auto status = stub->Create(m_client->context().get(), create, &created);
    if (status.ok())
        return image(created.image());
    if (status.error_code() != grpc::StatusCode::ALREADY_EXISTS)
        return toError(status);
    im::UpdateImageRequest update;
    *update.mutable_image() = wire;
    update.mutable_update_mask()->add_paths("target");
    update.mutable_update_mask()->add_paths("labels");
    im::UpdateImageResponse updated;
    status = stub->Update(m_client->context().get(), update, &updated);
    if (!status.ok())
        return toError(status);
    return image(updated.image());
}

Status ImagesService::remove(const QString &name, bool sync) const
{
    auto stub = im::Images::NewStub(m_client->channel());
    im::DeleteImageRequest req;
    req.set_name(str(name));
    req.set_sync(sync);
    google::protobuf::Empty resp;
    auto status = stub->Delete(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

} // namespace strata
