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

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
