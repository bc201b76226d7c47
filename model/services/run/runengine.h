#pragma once

#include "client/callcancel.h"
#include "core/result.h"
#include "types/records.h"
#include "layers/layerviolation.h"
#include "run/taskstdio.h"
#include "run/runrequest.h"

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Client;

// One run, step by step, in the order containerd needs it: Containers.Create (spec as Any) ->
// Tasks.Create (rootfs, stdio) -> Start -> Wait -> Tasks.Delete -> Containers.Delete (and the
// snapshot it made, for a throwaway run). Synchronous: call the steps from one worker thread
// in order; kill() and closeStdin() may come from any other thread. It records exactly what
// it created, so cleanup() removes that and nothing else, whichever step failed.
class RunEngine
{
public:
    // Label on every container Strata runs, so "clean up finished runs" finds only ours.
    static inline const QString RunLabel = QStringLiteral("org.strata.run");

    // What cleanup() has not removed (yet): all named by the request's id, the snapshot in
    // the request's snapshotter. A kept run's container and snapshot are not leftovers.
    struct Leftovers
    {
        bool task = false;
        bool container = false;
        bool snapshot = false;
        bool any() const { return task || container || snapshot; }
    };

    RunEngine(std::shared_ptr<const Client> client, RunRequest request);
    ~RunEngine();

    const RunRequest &request() const { return m_request; }

    // The layer rules the stack of a Stack or Linux Config run breaks (empty: valid, or an
    // image run). Learns the real folders through the API (FolderDiscovery).
    Result<QList<LayerViolation>> checkStack() const;

    // Everything up to a created task whose FIFOs are open and held by the shim. Refuses a
    // stack that breaks the rules unless the request says runAnyway. On failure, what was
    // made is removed again before returning.
    Status create();
    // Valid after create(): the read ends to drain and the stdin end to write.
    TaskStdio *fifos() const { return m_fifos.get(); }

    Result<quint32> start();
    // Blocks until the task exits. Rides out a containerd restart (the shim keeps the task
    // running): while containerd is unreachable it retries and reports through `notice`.
    // Returns Cancelled at once after stopWaiting().
    Result<TaskExit> wait(const std::function<void(const QString &)> &notice = {});
    // Any thread: wait() returns now (and any later call at once); the task is not touched.
    void stopWaiting();

    Status kill(int signal);
    // The terminal size of a TTY run, in columns and rows (after create()).
    Status resize(int columns, int rows);
    // End of input: our end closes, and the shim closes the process's stdin.
    Status closeStdin();

    // Deletes the task (killing it first if still running), then for a throwaway run the
    // container and the snapshot this run prepared. Safe to call more than once. Readers of
    // fifos() must have been joined: the FIFOs close here.
    Status cleanup();
    // Any thread, at any time.
    Leftovers leftovers() const;

private:
    Status createContainer();
    Status createTask();
    Error containerExists() const;

    std::shared_ptr<const Client> m_client;
    RunRequest m_request;
    std::unique_ptr<TaskStdio> m_fifos;
    QList<Mount> m_rootfs;
    QByteArray m_spec;
    // Atomic: leftovers() reads them from other threads.
    std::atomic<bool> m_madeSnapshot{false};
    std::atomic<bool> m_madeContainer{false};
    std::atomic<bool> m_failed{false};
    std::atomic<bool> m_madeTask{false};
    std::atomic<bool> m_exited{false};
    CallCancel m_waitCancel;
};

} // namespace strata
