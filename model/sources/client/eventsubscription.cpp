#include "client/eventsubscription.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/events/v1/events.grpc.pb.h"
// Linked in so that the generated pool knows every event payload type.
#include "github.com/containerd/containerd/api/events/container.pb.h"
#include "github.com/containerd/containerd/api/events/content.pb.h"
#include "github.com/containerd/containerd/api/events/image.pb.h"
#include "github.com/containerd/containerd/api/events/namespace.pb.h"
#include "github.com/containerd/containerd/api/events/snapshot.pb.h"
#include "github.com/containerd/containerd/api/events/task.pb.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/grpcpp.h>

namespace strata {

namespace ev = containerd::services::events::v1;
namespace pb = google::protobuf;
using proto::str;

namespace {

// The events are small flat messages; reflection turns any of them into fields without a
// hand-written case per topic. Nested messages (labels maps, timestamps) are kept shallow.
QVariant fieldValue(const pb::Message &m, const pb::FieldDescriptor *f)
{
    const auto *r = m.GetReflection();
    if (f->is_map()) {
        QVariantMap out;
        for (int i = 0; i < r->FieldSize(m, f); ++i) {
            const auto &entry = r->GetRepeatedMessage(m, f, i);
            const auto *ed = entry.GetDescriptor();
            out.insert(fieldValue(entry, ed->FindFieldByName("key")).toString(),
                       fieldValue(entry, ed->FindFieldByName("value")));
        }
        return out;
    }
    if (f->is_repeated())
        return {};
    switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_STRING: return str(r->GetString(m, f));
    case pb::FieldDescriptor::CPPTYPE_UINT32: return r->GetUInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_INT32: return r->GetInt32(m, f);
    case pb::FieldDescriptor::CPPTYPE_UINT64: return QVariant::fromValue(r->GetUInt64(m, f));
    case pb::FieldDescriptor::CPPTYPE_INT64: return QVariant::fromValue(r->GetInt64(m, f));
    case pb::FieldDescriptor::CPPTYPE_BOOL: return r->GetBool(m, f);
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
        if (f->message_type()->full_name() == "google.protobuf.Timestamp")
            return proto::time(static_cast<const pb::Timestamp &>(r->GetMessage(m, f)));
        return {};
    default: return {};
    }
}

// A static library leaves out object files nothing refers to, and with them the payload
// types' registration in the generated pool (the includes above are not enough): refer to one
// message of each events file so that FindMessageTypeByName finds them all.
void registerPayloadTypes()
{
    static const pb::Descriptor *const types[] = {
        containerd::events::ContainerCreate::descriptor(), containerd::events::ContentDelete::descriptor(),
        containerd::services::images::v1::ImageCreate::descriptor(), containerd::events::NamespaceCreate::descriptor(),
        containerd::events::SnapshotPrepare::descriptor(), containerd::events::TaskCreate::descriptor()};
    Q_UNUSED(types);
}

EventEnvelope envelope(const ev::Envelope &e)
{
    EventEnvelope out;
    out.timestamp = proto::time(e.timestamp());
    out.ns = str(e.namespace_());
    out.topic = str(e.topic());
    const std::string &url = e.event().type_url();
    const std::string name = url.substr(url.rfind('/') + 1);
    out.type = str(name);
    const auto *desc = pb::DescriptorPool::generated_pool()->FindMessageTypeByName(name);
    if (!desc)
        return out;
    std::unique_ptr<pb::Message> msg(pb::MessageFactory::generated_factory()->GetPrototype(desc)->New());
    if (!msg->ParseFromString(e.event().value()))
        return out;
    for (int i = 0; i < desc->field_count(); ++i) {
        const auto *f = desc->field(i);
        QVariant v = fieldValue(*msg, f);
        if (v.isValid())
            out.fields.insert(str(f->name()), v);
    }
    return out;
}

} // namespace

EventSubscription::EventSubscription(std::shared_ptr<const Client> client, QStringList filters)
    : m_client(std::move(client))
    , m_filters(std::move(filters))
{
}

EventSubscription::~EventSubscription() = default;

Status EventSubscription::run(const std::function<void(const EventEnvelope &)> &onEvent,
                              const std::function<void()> &onSubscribed)
{
    auto stub = ev::Events::NewStub(m_client->channel());
    ev::SubscribeRequest req;
    for (const auto &f : m_filters)
        req.add_filters(str(f));
    auto ctx = m_client->streamContext();
    if (!m_cancel.attach(ctx.get()))
        return Error{Error::Cancelled, QStringLiteral("subscription cancelled")};
    registerPayloadTypes();
    // The synchronous reader sends the request before it returns.
    auto reader = stub->Subscribe(ctx.get(), req);
    if (onSubscribed)
        onSubscribed();
    ev::Envelope e;
    while (reader->Read(&e))
        onEvent(envelope(e));
    auto status = reader->Finish();
    m_cancel.detach();
    if (!status.ok())
        return toError(status);
    return success();
}

void EventSubscription::cancel()
{
    m_cancel.cancel();
}

} // namespace strata
