#include "client/contentservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/content/v1/content.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace ct = containerd::services::content::v1;
using proto::str;

Result<ContentRecord> ContentService::info(const QString &digest) const
{
    auto stub = ct::Content::NewStub(m_client->channel());
    ct::InfoRequest req;
    req.set_digest(str(digest));
    ct::InfoResponse resp;
    auto status = stub->Info(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    const auto &i = resp.info();
    return ContentRecord{str(i.digest()), i.size(), proto::labels(i.labels()),
                         proto::time(i.created_at()), proto::time(i.updated_at())};
}

Result<QByteArray> ContentService::read(const QString &digest, qint64 maxBytes) const
{
    auto stub = ct::Content::NewStub(m_client->channel());
    ct::ReadContentRequest req;
    req.set_digest(str(digest));
    req.set_size(maxBytes + 1); // one byte more tells "larger than the cap" from "exactly the cap"
    auto ctx = m_client->context();
    auto reader = stub->Read(ctx.get(), req);
    QByteArray out;
    ct::ReadContentResponse chunk;
    while (reader->Read(&chunk)) {
        out.append(chunk.data().data(), static_cast<qsizetype>(chunk.data().size()));
        if (out.size() > maxBytes) {
            ctx->TryCancel();
            reader->Finish();
            return Error{Error::ResourceExhausted,
                         QStringLiteral("blob %1 is larger than %2 bytes").arg(digest).arg(maxBytes)};
        }
    }
    auto status = reader->Finish();
    if (!status.ok())
        return toError(status);
    return out;
}

Status ContentService::setLabels(const QString &digest, const QMap<QString, QString> &labels) const
{
    auto stub = ct::Content::NewStub(m_client->channel());
    ct::UpdateRequest req;
    req.mutable_info()->set_digest(str(digest));
    proto::setLabels(req.mutable_info()->mutable_labels(), labels);
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        req.mutable_update_mask()->add_paths(str(QStringLiteral("labels.") + it.key()));
    ct::UpdateResponse resp;
    auto status = stub->Update(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

Status ContentService::abort(const QString &ref) const
{
    auto stub = ct::Content::NewStub(m_client->channel());
    ct::AbortRequest req;
    req.set_ref(str(ref));
    google::protobuf::Empty resp;
    auto status = stub->Abort(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

} // namespace strata
