#include "pull/downloadpool.h"

#include "pull/blobdownload.h"
#include "registry/registryclient.h"

#include <QThread>

namespace strata {

DownloadPool::DownloadPool(std::shared_ptr<const Client> client, QString lease, RegistryFactory registry,
                           Progress progress, const std::atomic_bool *cancel)
    : m_client(std::move(client))
    , m_lease(std::move(lease))
    , m_registry(std::move(registry))
    , m_progress(std::move(progress))
    , m_cancel(cancel)
{
}

DownloadPool::~DownloadPool()
{
    m_stop = true;
    for (QThread *t : std::as_const(m_threads)) {
        t->wait();
        delete t;
    }
}

void DownloadPool::start(QList<Job> jobs, int threads)
{
    m_jobs = std::move(jobs);
    m_done = QList<std::optional<bool>>(m_jobs.size());
    for (const Job &job : std::as_const(m_jobs))
        m_progress({PullEvent::Stage::Waiting, job.kind, job.blob.digest, job.layer, 0, job.blob.size, {}});
    const int count = std::clamp(threads, 1, std::max(1, int(m_jobs.size())));
    m_running = count;
    for (int i = 0; i < count; ++i) {
        m_threads << QThread::create([this] { work(); });
        m_threads.constLast()->start();
    }
}

void DownloadPool::work()
{
    auto registry = m_registry(); // its network objects belong to this thread
    BlobDownload blobs(m_client, m_lease);
    for (;;) {
        int index = 0;
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop || m_error || m_next >= m_jobs.size()) {
                --m_running;
                m_changed.wakeAll();
                return;
            }
            index = m_next++;
        }
        const Job &job = m_jobs.at(index);
        auto event = [&](PullEvent::Stage stage, qint64 offset, qint64 total) {
            m_progress({stage, job.kind, job.blob.digest, job.layer, offset, total, {}});
        };
        auto stored = blobs.fetch(*registry, job.blob, job.kind, job.labels, &m_stop, event);
        if (stored)
            event(*stored ? PullEvent::Stage::Stored : PullEvent::Stage::AlreadyPresent, job.blob.size, job.blob.size);
        QMutexLocker lock(&m_mutex);
        if (stored) {
            m_done[index] = *stored;
        } else if (!m_error) {
            m_error = stored.error();
            m_stop = true;
        }
        m_changed.wakeAll();
    }
}

void DownloadPool::waitStep()
{
    m_changed.wait(&m_mutex, 100);
    if (m_cancel && *m_cancel && !m_stop) {
        m_stop = true;
        if (!m_error)
            m_error = Error{Error::Cancelled, QStringLiteral("cancelled")};
    }
}

Result<bool> DownloadPool::waitFor(int index)
{
    QMutexLocker lock(&m_mutex);
    while (!m_done.at(index) && !m_error)
        waitStep();
    if (m_error)
        return *m_error;
    return *m_done.at(index);
}

Status DownloadPool::finish()
{
    QMutexLocker lock(&m_mutex);
    while (m_running > 0)
        waitStep();
    if (m_error)
        return *m_error;
    return success();
}

} // namespace strata
