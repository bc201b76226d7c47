#pragma once

#include "core/result.h"

#include <QStringList>

#include <memory>

namespace strata {

class Client;

// Removing containers the way `ctr containers rm` does, task and snapshot included, and
// sweeping up the runs Strata started that have finished.
class RunJanitor
{
public:
    // Deletes the container's task (SIGKILL first when `force` and it still runs), the
    // container, then its snapshot. A running task without `force` is FailedPrecondition.
    static Status removeContainer(const std::shared_ptr<const Client> &client, const QString &id, bool force);

    // Every container labelled RunEngine::RunLabel with no task left or a stopped one: the
    // ids removed. Running ones are left alone.
    static Result<QStringList> cleanupFinished(const std::shared_ptr<const Client> &client);
};

} // namespace strata
