#pragma once

#include "types/records.h"
#include "core/result.h"

#include <QList>

#include <memory>

namespace strata {

class Client;

// containerd.services.images.v1.Images
class ImagesService
{
public:
    explicit ImagesService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<QList<ImageRecord>> list(const QStringList &filters = {}) const;
    Result<ImageRecord> get(const QString &name) const;
    // Creates the record, or points an existing one of that name at the new target (as ctr does).
    Result<ImageRecord> put(const ImageRecord &record) const;
    // `sync` waits for the garbage collector, so what only this image kept is gone on return.
    Status remove(const QString &name, bool sync) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
