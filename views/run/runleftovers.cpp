#include "run/runleftovers.h"

#include "run/runcontroller.h"

#include <QObject>

namespace strata {

QStringList RunLeftovers::describe(const RunController &run)
{
    const RunEngine::Leftovers left = run.leftovers();
    const QString id = run.request().id;
    QStringList lines;
    if (left.task)
        lines << QObject::tr("task %1 (it may still be running)").arg(id);
    if (left.container)
        lines << QObject::tr("container %1").arg(id);
    if (left.snapshot)
        lines << QObject::tr("snapshot %1 (snapshotter %2)").arg(id, run.request().snapshotter);
    return lines;
}

QString RunLeftovers::advice()
{
    return QObject::tr("Once containerd answers again, remove them with Delete or \"Clean up finished Strata runs\" "
                       "in the Containers panel.");
}

} // namespace strata
