#pragma once

#include <QFutureWatcher>
#include <QObject>

namespace strata {

// Hands `future`'s result to `done` on `receiver`'s thread once it is ready, and never when
// `receiver` dies first. A watcher owned by the receiver dies with it; Qt 6.4's
// QFuture::then(context, …) instead asserts when its context dies before the future ends.
template<typename T, typename Done>
void whenFinished(QObject *receiver, QFuture<T> future, Done done)
{
    auto *watcher = new QFutureWatcher<T>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver, [watcher, done = std::move(done)]() mutable {
        watcher->deleteLater();
        done(watcher->future().takeResult());
    });
    watcher->setFuture(std::move(future));
}

} // namespace strata
