#include "images/imagetagger.h"

#include "client/imagesservice.h"

namespace strata {

Result<ImageRecord> ImageTagger::tag(const QString &source, const QString &target, bool force) const
{
    if (target.trimmed().isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("the new image name is empty")};
    const ImagesService images(m_client);
    auto from = images.get(source);
    if (!from)
        return from.error();
    if (target == source)
        return *from;
    auto existing = images.get(target);
    if (existing && !force)
        return Error{Error::AlreadyExists,
                     QStringLiteral("image %1 already exists (it points at %2); force to point it at %3's target")
                         .arg(target, existing->digest, source)};
    if (!existing && !existing.error().is(Error::NotFound))
        return existing.error();
    ImageRecord record = *from;
    record.name = target;
    return images.put(record);
}

} // namespace strata
