#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace strata {

class Client;

// One blob streamed from Content.Read chunk by chunk, as containerd sends them: a layer of
// gigabytes costs one chunk of memory at a time. The stream has no deadline (a big layer takes
// as long as it takes); destroying the reader before the end cancels the call.
class ContentReader
{
public:
    ContentReader(const std::shared_ptr<const Client> &client, const QString &digest);
    ~ContentReader();
    ContentReader(const ContentReader &) = delete;
    ContentReader &operator=(const ContentReader &) = delete;

    // The next chunk; an empty one at the end. After an error or the end, the same again.
    Result<QByteArray> next();

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
};

} // namespace strata
