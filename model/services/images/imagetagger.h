#pragma once

#include "core/result.h"
#include "types/imagerecord.h"

#include <memory>

namespace strata {

class Client;

// A second name for an image, as `ctr images tag` makes one: a new record with the source's
// target and labels. The content and snapshots are shared, so nothing is copied.
class ImageTagger
{
public:
    explicit ImageTagger(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    // AlreadyExists when `target` names an image already, unless `force` points it at the
    // source's target; NotFound when `source` is no image.
    Result<ImageRecord> tag(const QString &source, const QString &target, bool force) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
