#include "client/leasesservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/leases/v1/leases.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QDateTime>
#include <QRandomGenerator>

namespace strata {

namespace ls = containerd::services::leases::v1;
using proto::str;

QString LeasesService::uniqueId(const QString &purpose)
{
    return QStringLiteral("strata-%1-%2-%3")
        .arg(purpose)
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
}

Result<LeaseRecord> LeasesService::create(const QString &id, std::chrono::seconds expiry,
                                          QMap<QString, QString> labels) const
{
    auto stub = ls::Leases::NewStub(m_client->channel());
    ls::CreateRequest req;
    req.set_id(str(id));
    labels.insert(QStringLiteral("containerd.io/gc.expire"),
                  QDateTime::currentDateTimeUtc().addSecs(expiry.count()).toString(Qt::ISODate));
    proto::setLabels(req.mutable_labels(), labels);
    ls::CreateResponse resp;
    auto status = stub->Create(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    const auto &l = resp.lease();
    return LeaseRecord{str(l.id()), proto::labels(l.labels()), proto::time(l.created_at())};
}

Status LeasesService::remove(const QString &id, bool sync) const
{
    auto stub = ls::Leases::NewStub(m_client->channel());
    ls::DeleteRequest req;
    req.set_id(str(id));
    req.set_sync(sync);
    google::protobuf::Empty resp;
    auto status = stub->Delete(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

} // namespace strata
