#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QByteArray>

#include <memory>

namespace strata {

class Client;

// containerd.services.content.v1.Content: reading, and the labels that tell the garbage
// collector what a blob keeps alive.
class ContentService
{
public:
    explicit ContentService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<ContentRecord> info(const QString &digest) const;
    // Reads a whole blob. Manifests and configs are small; the cap keeps a mislabelled layer
    // blob from being pulled into memory (ResourceExhausted when it is larger).
    Result<QByteArray> read(const QString &digest, qint64 maxBytes = 16 * 1024 * 1024) const;
    // Sets these labels and leaves the blob's others as they are.
    Status setLabels(const QString &digest, const QMap<QString, QString> &labels) const;
    // Drops an unfinished write (an ingest) and the bytes it holds.
    Status abort(const QString &ref) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
