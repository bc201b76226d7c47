#include "client/contentwriter.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/content/v1/content.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace ct = containerd::services::content::v1;
using proto::str;

namespace {

// Under gRPC's default 4 MiB message limit with room to spare.
constexpr qsizetype kMaxChunk = 1024 * 1024;

} // namespace

struct ContentWriter::Stream
{
    std::unique_ptr<ct::Content::Stub> stub;
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReaderWriter<ct::WriteContentRequest, ct::WriteContentResponse>> rw;
    bool closed = false;

    // gRPC's Finish blocks until every incoming message has been read, and containerd sends
    // the commit's response a second time as the stream ends.
    grpc::Status close()
    {
        closed = true;
        rw->WritesDone();
        ct::WriteContentResponse unread;
        while (rw->Read(&unread)) {
        }
        return rw->Finish();
    }

    // The write protocol is lockstep: every request gets one response.
    Result<ct::WriteContentResponse> send(const ct::WriteContentRequest &req)
    {
        ct::WriteContentResponse resp;
        if (rw->Write(req) && rw->Read(&resp))
            return resp;
        auto status = close();
        if (status.ok())
            return Error{Error::Unavailable, QStringLiteral("containerd closed the content write stream")};
        return toError(status);
    }
};

ContentWriter::ContentWriter(std::shared_ptr<const Client> client, std::unique_ptr<Stream> stream, QString ref,
                             qint64 total, QString expected)
    : m_client(std::move(client))
    , m_stream(std::move(stream))
    , m_ref(std::move(ref))
    , m_total(total)
    , m_expected(std::move(expected))
{
}

ContentWriter::~ContentWriter()
{
    finish();
}

Result<std::unique_ptr<ContentWriter>> ContentWriter::open(std::shared_ptr<const Client> client, const QString &ref,
                                                           qint64 total, const QString &expected, const QString &lease)
{
    auto stream = std::make_unique<Stream>();
    stream->stub = ct::Content::NewStub(client->channel());
    stream->context = client->streamContext(lease);
    stream->rw = stream->stub->Write(stream->context.get());
    ct::WriteContentRequest stat;
    stat.set_action(ct::STAT);
    stat.set_ref(str(ref));
    stat.set_total(total);
    stat.set_expected(str(expected));
    auto resp = stream->send(stat);
    if (!resp)
        return resp.error();
    std::unique_ptr<ContentWriter> writer(new ContentWriter(std::move(client), std::move(stream), ref, total, expected));
    writer->m_offset = resp->offset();
    return writer;
}

Status ContentWriter::write(QByteArrayView data)
{
    while (!data.isEmpty()) {
        if (m_stream->closed)
            return Error{Error::FailedPrecondition, QStringLiteral("the write of %1 has ended").arg(m_ref)};
        const auto chunk = data.first(std::min(data.size(), kMaxChunk));
        ct::WriteContentRequest req;
        req.set_action(ct::WRITE);
        req.set_offset(m_offset);
        req.set_data(chunk.data(), size_t(chunk.size()));
        auto resp = m_stream->send(req);
        if (!resp)
            return resp.error();
        if (resp->offset() != m_offset + chunk.size())
            return Error{Error::DataLoss, QStringLiteral("containerd took %1 of %2 bytes for %3")
                                              .arg(resp->offset() - m_offset).arg(chunk.size()).arg(m_ref)};
        m_offset = resp->offset();
        data = data.sliced(chunk.size());
    }
    return success();
}

Status ContentWriter::commit(const QMap<QString, QString> &labels)
{
    ct::WriteContentRequest req;
    req.set_action(ct::COMMIT);
    req.set_total(m_total);
    req.set_offset(m_offset);
    req.set_expected(str(m_expected));
    proto::setLabels(req.mutable_labels(), labels);
    auto resp = m_stream->send(req);
    if (!resp)
        return resp.error();
    if (!m_expected.isEmpty() && str(resp->digest()) != m_expected)
        return Error{Error::DataLoss, QStringLiteral("%1 has digest %2, expected %3").arg(m_ref, str(resp->digest()), m_expected)};
    return finish();
}

Status ContentWriter::finish()
{
    if (!m_stream || m_stream->closed)
        return success();
    auto status = m_stream->close();
    if (!status.ok() && status.error_code() != grpc::StatusCode::CANCELLED)
        return toError(status);
    return success();
}

} // namespace strata
