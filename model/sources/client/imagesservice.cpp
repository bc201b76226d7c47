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

} // namespace strata
