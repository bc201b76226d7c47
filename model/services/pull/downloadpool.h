#pragma once

#include "core/result.h"
#include "pull/pullevent.h"
#include "registry/remoteobject.h"

#include <QList>
#include <QMap>
#include <QMutex>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace strata {

class Client;
class RegistryClient;

// Downloads blobs into the content store on a few threads, in the order given, so that a
// caller can unpack the first layers while later ones still arrive. The first error stops the
// rest. The destructor stops and joins the threads.
class DownloadPool
{
public:
    struct Job
    {
        RemoteObject blob;
        QString kind;
        int layer = -1;
        QMap<QString, QString> labels;
    };
    using RegistryFactory = std::function<std::unique_ptr<RegistryClient>()>;
    using Progress = std::function<void(const PullEvent &event)>;

    DownloadPool(std::shared_ptr<const Client> client, QString lease, RegistryFactory registry, Progress progress,
                 const std::atomic_bool *cancel);
    ~DownloadPool();
    DownloadPool(const DownloadPool &) = delete;
    DownloadPool &operator=(const DownloadPool &) = delete;

    void start(QList<Job> jobs, int threads);
    // Blocks until job `index` is in the store: true when written now, false when it was there.
    Result<bool> waitFor(int index);
    // Blocks until every job is done; the first error, if any.
    Status finish();

private:
    void work();
    // With m_mutex held: waits a little, turning the caller's cancel into a stop.
    void waitStep();

    std::shared_ptr<const Client> m_client;
    QString m_lease;
    RegistryFactory m_registry;
    Progress m_progress;
    const std::atomic_bool *m_cancel;

    QMutex m_mutex;
    QWaitCondition m_changed;
    QList<Job> m_jobs;
    QList<std::optional<bool>> m_done;
    std::optional<Error> m_error;
    int m_next = 0;
    int m_running = 0;
    std::atomic_bool m_stop = false;
    QList<QThread *> m_threads;
};

} // namespace strata
