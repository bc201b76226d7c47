#include "client/contentreader.h"

#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/content/v1/content.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <optional>

namespace strata {

namespace ct = containerd::services::content::v1;

struct ContentReader::Stream
{
    std::unique_ptr<ct::Content::Stub> stub;
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReader<ct::ReadContentResponse>> reader;
    std::optional<Result<QByteArray>> finished; // the end or the error, once reached
};

ContentReader::ContentReader(const std::shared_ptr<const Client> &client, const QString &digest)
    : m_stream(std::make_unique<Stream>())
{
    m_stream->stub = ct::Content::NewStub(client->channel());
    m_stream->context = client->streamContext();
    ct::ReadContentRequest request;
    request.set_digest(proto::str(digest));
    m_stream->reader = m_stream->stub->Read(m_stream->context.get(), request);
}

ContentReader::~ContentReader()
{
    if (!m_stream->finished) {
        m_stream->context->TryCancel();
        m_stream->reader->Finish();
    }
}

Result<QByteArray> ContentReader::next()
{
    if (m_stream->finished)
        return *m_stream->finished;
    ct::ReadContentResponse chunk;
    while (m_stream->reader->Read(&chunk)) {
        if (!chunk.data().empty())
            return QByteArray(chunk.data().data(), qsizetype(chunk.data().size()));
    }
    const grpc::Status status = m_stream->reader->Finish();
    m_stream->finished = status.ok() ? Result<QByteArray>(QByteArray()) : Result<QByteArray>(toError(status));
    return *m_stream->finished;
}

} // namespace strata
