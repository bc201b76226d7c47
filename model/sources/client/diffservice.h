#pragma once

#include "core/result.h"
#include "types/mount.h"

#include <QList>
#include <QString>

#include <memory>

namespace strata {

class Client;

// A blob as the content store and Diff.Apply name it.
struct BlobDescriptor
{
    QString mediaType;
    QString digest;
    qint64 size = 0;
};

// containerd.services.diff.v1.Diff (applying only).
class DiffService
{
public:
    explicit DiffService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // Extracts the layer blob onto the mounts of an active snapshot and returns the digest of
    // the uncompressed tar, which must equal the layer's diffID. No deadline: a large layer
    // takes as long as the disk needs.
    Result<QString> apply(const BlobDescriptor &layer, const QList<Mount> &mounts, const QString &lease = {}) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
