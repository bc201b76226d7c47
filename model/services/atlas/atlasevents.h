#pragma once

#include "atlas/atlaschange.h"

#include <QList>
#include <QString>

#include <memory>

namespace strata {

class Client;
class FolderCache;
struct EventEnvelope;

// What one snapshot or image event means for the atlas: the changes, made with the follow-up
// calls (Stat, Mounts, Usage, the image's manifest) they need. Blocking: the atlas runs it on
// its EventWatcher's thread, so changes come out in event order.
class AtlasEvents
{
public:
    // The topics the atlas follows.
    static QStringList topics();

    static QList<AtlasChange> changesFor(const EventEnvelope &event, const std::shared_ptr<const Client> &client,
                                         const QString &snapshotter, FolderCache &cache);
};

} // namespace strata
