#include "run/runjanitor.h"

#include "client/containersservice.h"
#include "client/snapshotsservice.h"
#include "client/tasksservice.h"
#include "run/runengine.h"

#include <QSet>

#include <csignal>

namespace strata {

Status RunJanitor::removeContainer(const std::shared_ptr<const Client> &client, const QString &id, bool force)
{
    ContainersService containers(client);
    auto container = containers.get(id);
    if (!container)
        return container.error();
    TasksService tasks(client);
    auto list = tasks.list({QStringLiteral("id==%1").arg(id)});
    if (!list)
        return list.error();
    for (const auto &task : *list) {
        if (task.id != id)
            continue;
        if (task.status != TaskStatus::Stopped && task.status != TaskStatus::Created) {
            if (!force)
                return Error{Error::FailedPrecondition, QStringLiteral("container %1 is still running").arg(id)};
            tasks.kill(id, SIGKILL, true);
            tasks.wait(id);
        }
        auto removed = tasks.remove(id);
        if (!removed && !removed.error().is(Error::NotFound))
            return removed.error();
    }
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
    auto tasks = TasksService(client).list();
    if (!tasks)
        return tasks.error();
    QSet<QString> live;
    for (const auto &t : *tasks) {
        if (t.status != TaskStatus::Stopped)
            live.insert(t.id);
    }
    QStringList removed;
    for (const auto &c : *containers) {
        if (live.contains(c.id) || !c.labels.contains(RunEngine::RunLabel))
            continue;
        if (auto done = removeContainer(client, c.id, false); !done)
            return done.error();
        removed << c.id;
    }
    return removed;
}

} // namespace strata
