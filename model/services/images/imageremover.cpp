#include "images/imageremover.h"

#include "client/containersservice.h"
#include "client/imagesservice.h"
#include "events/eventfilter.h"

namespace strata {

Status ImageRemover::remove(const QStringList &names, bool force) const
{
    if (names.isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("no image to remove")};
    for (const QString &name : names) {
        if (auto checked = check(name, force); !checked)
            return checked;
    }
    const ImagesService images(m_client);
    for (qsizetype i = 0; i < names.size(); ++i) {
        // Only the last removal waits for the collector: one pass takes what all of them kept.
        if (auto removed = images.remove(names[i], i == names.size() - 1); !removed) {
            if (i == 0)
                return removed;
            return Error{removed.error().code, QStringLiteral("%1 (removed before it: %2)")
                                                   .arg(removed.error().message, names.first(i).join(QStringLiteral(", ")))};
        }
    }
    return success();
}

Status ImageRemover::check(const QString &name, bool force) const
{
    if (auto image = ImagesService(m_client).get(name); !image)
        return image.error();
    if (force)
        return success();
    auto users = ContainersService(m_client).list({QStringLiteral("image==%1").arg(EventFilter::quoted(name))});
    if (!users)
        return users.error();
    if (users->isEmpty())
        return success();
    QStringList ids;
    for (const auto &container : *users)
        ids << container.id;
    return Error{Error::FailedPrecondition,
                 QStringLiteral("image %1 is used by container%2 %3; remove %4 first, or force")
                     .arg(name, ids.size() == 1 ? QString() : QStringLiteral("s"), ids.join(QStringLiteral(", ")),
                          ids.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"))};
}

} // namespace strata
