#pragma once

#include "types/records.h"
#include "core/result.h"
#include "types/mount.h"

#include <QList>

#include <chrono>
#include <memory>

namespace strata {

class CallCancel;
class Client;

// containerd.services.tasks.v1.Tasks (the init process of a container).
class TasksService
{
public:
    struct CreateOptions
    {
        QString containerId;
        QList<Mount> rootfs; // empty when the spec carries its own root (windows.layerFolders)
        QString stdinPath;   // FIFO or pipe names; empty = stream not used
        QString stdoutPath;
        QString stderrPath;
        bool terminal = false;
    };

    explicit TasksService(std::shared_ptr<const Client> client) : m_client(std::move(client)) {}

    Result<quint32> create(const CreateOptions &options) const; // returns the pid
    Result<quint32> start(const QString &containerId) const;
    // Blocks until the task exits: callers run it on a worker thread. No deadline unless
    // `timeout` is given; `cancel` (when given) ends it from another thread.
    Result<TaskExit> wait(const QString &containerId, CallCancel *cancel = nullptr,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds::zero()) const;
    Status kill(const QString &containerId, int signal, bool all = false) const;
    Status closeStdin(const QString &containerId) const;
    // The size of a TTY task's terminal, in character cells; `execId` empty for the task itself.
    Status resizePty(const QString &containerId, const QString &execId, quint32 width, quint32 height) const;
    Result<TaskExit> remove(const QString &containerId) const;
    Result<QList<TaskRecord>> list(const QStringList &filters = {}) const;

private:
    std::shared_ptr<const Client> m_client;
};

} // namespace strata
