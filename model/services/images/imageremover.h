#pragma once

#include "core/result.h"

#include <QStringList>

#include <memory>

namespace strata {

class Client;

// Removes image records and lets containerd's garbage collector take what only they kept
// (content, and the snapshots the config's GC label held). Every name is checked before any is
// removed, so a refusal removes nothing.
class ImageRemover
{
public:
    explicit ImageRemover(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // NotFound for a name that is no image; FailedPrecondition naming the containers when one
    // is made from the image, unless `force` (the containers keep their snapshots, which the
    // collector does not take while a container holds them).
    Status remove(const QStringList &names, bool force) const;

private:
    Status check(const QString &name, bool force) const;

    std::shared_ptr<const Client> m_client;
};

} // namespace strata
