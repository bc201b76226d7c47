#include "run/runjanitor.h"

#include "client/containersservice.h"
#include "client/snapshotsservice.h"
#include "client/tasksservice.h"
#include "run/runengine.h"

namespace strata {

Status RunJanitor::removeContainer(const std::shared_ptr<const Client> &client, const QString &id, bool force)
{
    ContainersService containers(client);
    auto container = containers.get(id);
    if (!container)
        return container.error();
    TasksService tasks(client);
    if (force) {
        // Fails harmlessly (NotFound, already stopped) when there is nothing to stop.
        if (tasks.kill(id, TaskSignal::Kill, true))
            tasks.wait(id);
    }
    // containerd refuses to delete a running task: that refusal is the "still running" check,
    // free of any race with a separate status query.
    if (auto removed = tasks.remove(id); !removed && !removed.error().is(Error::NotFound))
        return Error{Error::FailedPrecondition,
                     QStringLiteral("container %1 still has a live task (%2)").arg(id, removed.error().message)};
    if (auto removed = containers.remove(id); !removed && !removed.error().is(Error::NotFound))
        return removed;
    if (!container->snapshotKey.isEmpty() && !container->snapshotter.isEmpty()) {
        auto removed = SnapshotsService(client, container->snapshotter).remove(container->snapshotKey);
        if (!removed && !removed.error().is(Error::NotFound))
            return removed;
    }
    return success();
}

Result<QStringList> RunJanitor::cleanupFinished(const std::shared_ptr<const Client> &client)
{
    auto containers = ContainersService(client).list({QStringLiteral("labels.\"%1\"").arg(RunEngine::RunLabel)});
    if (!containers)
        return containers.error();
    QStringList removed;
    for (const auto &c : *containers) {
        if (!c.labels.contains(RunEngine::RunLabel))
            continue;
        auto done = removeContainer(client, c.id, false);
        if (done)
            removed << c.id;
        else if (!done.error().is(Error::FailedPrecondition))
            return done.error();
    }
    return removed;
}

} // namespace strata
