#pragma once

#include "core/result.h"
#include "files/fileentry.h"

#include <QByteArray>

#include <atomic>
#include <functional>

namespace strata {

// A layer blob's changes: the members of a tar stream, plain or compressed with gzip or zstd
// (libarchive recognises which), with `.wh.NAME` members turned into Whiteout entries and
// `.wh..wh..opq` into Opaque ones, as the OCI image spec's layer format defines them.
// The blob is streamed, never held whole: memory is the entries, not the bytes.
class TarChanges
{
public:
    // Hands out the next chunk of the blob; an empty chunk is the end. An error stops the read.
    using ChunkSource = std::function<Result<QByteArray>()>;

    static Result<LayerChanges> read(const ChunkSource &source, const std::atomic_bool *cancel = nullptr);
    static Result<LayerChanges> readFile(const QString &path, const std::atomic_bool *cancel = nullptr);

    // A member name as a layer-relative path: no leading "./" or "/", no trailing "/"; empty for
    // the layer's root itself.
    static QString relativePath(QString name);
};

} // namespace strata
