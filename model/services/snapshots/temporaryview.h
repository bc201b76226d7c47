#pragma once

#include <QList>
#include <QString>

#include <chrono>

namespace strata {

// The short-lived Views that folder discovery makes to read a committed snapshot's folders.
// They are Strata's own plumbing, not the user's snapshots: every live listing hides them, even
// the ones an interrupted discovery left behind until their lease expires. (An offline store is
// shown as it is on disk.)
class TemporaryView
{
public:
    static QString newKey();
    static bool isTemporary(const QString &key);

    // Anything with a snapshot `key`: SnapshotInfo, SnapshotFolder.
    template <typename T>
    static QList<T> withoutTemporary(QList<T> items)
    {
        items.removeIf([](const T &item) { return isTemporary(item.key); });
        return items;
    }

    // How long the lease that holds the Views lives: long enough for `count` Views made a few at a
    // time, short enough that an interrupted run's leftovers go soon.
    static std::chrono::seconds leaseExpiry(qsizetype count);
};

} // namespace strata
