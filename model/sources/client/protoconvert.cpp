#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/types/mount.pb.h"

namespace strata::proto {

Mount mount(const containerd::types::Mount &m)
{
    Mount out{str(m.type()), str(m.source()), str(m.target()), {}};
    for (const auto &o : m.options())
        out.options << str(o);
    return out;
}

QList<Mount> mounts(const google::protobuf::RepeatedPtrField<containerd::types::Mount> &ms)
{
    QList<Mount> out;
    out.reserve(ms.size());
    for (const auto &m : ms)
        out << mount(m);
    return out;
}

void toWire(const Mount &m, containerd::types::Mount *out)
{
    out->set_type(str(m.type));
    out->set_source(str(m.source));
    out->set_target(str(m.target));
    for (const auto &o : m.options)
        out->add_options(str(o));
}

} // namespace strata::proto
