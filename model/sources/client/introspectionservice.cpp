#include "client/introspectionservice.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/introspection/v1/introspection.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace in = containerd::services::introspection::v1;
using proto::str;

Result<QList<PluginRecord>> IntrospectionService::plugins(const QStringList &filters) const
{
    auto stub = in::Introspection::NewStub(m_client->channel());
    in::PluginsRequest req;
    for (const auto &f : filters)
        req.add_filters(str(f));
    in::PluginsResponse resp;
    auto status = stub->Plugins(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    QList<PluginRecord> out;
    for (const auto &p : resp.plugins()) {
        PluginRecord r;
        r.type = str(p.type());
        r.id = str(p.id());
        for (const auto &q : p.requires_plugins())
            r.requiredPlugins << str(q);
        r.exports = proto::labels(p.exports());
        for (const auto &c : p.capabilities())
            r.capabilities << str(c);
        if (p.has_init_err())
            r.initError = str(p.init_err().message());
        out << r;
    }
    return out;
}

Result<QList<PluginRecord>> IntrospectionService::snapshotters() const
{
    auto all = plugins({QStringLiteral("type==io.containerd.snapshotter.v1")});
    if (!all)
        return all.error();
    QList<PluginRecord> loaded;
    for (const auto &p : *all) {
        if (p.initError.isEmpty())
            loaded << p;
    }
    return loaded;
}

} // namespace strata
