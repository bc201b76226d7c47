#include "run/runengine.h"

#include "client/client.h"
#include "client/containersservice.h"
#include "client/leasesservice.h"
#include "client/snapshotsservice.h"
#include "client/tasksservice.h"
#include "layers/layervalidator.h"
#include "run/runplanner.h"
#include "snapshots/folderdiscovery.h"

#include <QDeadlineTimer>
#include <QScopeGuard>
#include <QThread>

namespace strata {

namespace {

// How long wait() rides out an unreachable containerd before giving up on the run.
constexpr int ReconnectSeconds = 120;
// How long cleanup waits for a killed task to exit.
constexpr std::chrono::seconds KilledExitTimeout{10};

QString violationText(const QList<LayerViolation> &violations)
{
    QStringList lines;
    for (const auto &v : violations)
        lines << (v.fix.isEmpty() ? QStringLiteral("%1 (%2)").arg(v.problem, v.rule)
                                  : QStringLiteral("%1 (%2) Fix: %3").arg(v.problem, v.rule, v.fix));
    return lines.join(QLatin1String("; "));
}

} // namespace

RunEngine::RunEngine(std::shared_ptr<const Client> client, RunRequest request)
    : m_client(std::move(client)), m_request(std::move(request))
{
}

RunEngine::~RunEngine() = default;

Result<QList<LayerViolation>> RunEngine::checkStack() const
{
    LayerStack stack;
    if (m_request.source == RunRequest::Source::Stack) {
        stack = m_request.stack;
    } else if (m_request.source == RunRequest::Source::Config) {
        auto config = RunPlanner::configSpec(m_request);
        if (!config)
            return config.error();
        auto configured = config->layerStack();
        if (!configured)
            return configured.error();
        stack = *configured;
    } else {
        return QList<LayerViolation>{};
    }
    auto folders = FolderDiscovery(m_client, m_request.snapshotter).discoverAll();
    if (!folders)
        return folders.error();
    return LayerValidator(*folders).validate(stack);
}

Status RunEngine::create()
{
    if (m_request.source != RunRequest::Source::Image && !m_request.runAnyway) {
        auto violations = checkStack();
        if (!violations)
            return violations.error();
        if (!violations->isEmpty())
            return Error{Error::FailedPrecondition,
                         QStringLiteral("the layer stack breaks the layer rules: %1 To see what the stack does as it "
                                        "is, run it anyway (stratactl run --run-anyway; Run anyway in Strata).")
                             .arg(violationText(*violations))};
    }
    Status made = createContainer();
    if (made)
        made = createTask();
    if (!made) {
        // Nothing half-created survives a failed start, throwaway or not.
        m_failed = true;
        cleanup();
    }
    return made;
}

Status RunEngine::createContainer()
{
    // The snapshot and the container are made under a lease: if Strata dies in between,
    // containerd's GC removes the orphan snapshot once the lease expires.
    // Asked first: a clash on the ID would otherwise surface as the snapshot's.
    if (ContainersService(m_client).get(m_request.id))
        return containerExists();
    LeasesService leases(m_client);
    const QString lease = QStringLiteral("strata-run-%1").arg(m_request.id);
    auto leased = leases.create(lease, std::chrono::hours(1));
    if (!leased)
        return leased.error();
    auto dropLease = qScopeGuard([&] { leases.remove(lease); });

    ContainerRecord container;
    container.id = m_request.id;
    container.labels.insert(RunLabel, QStringLiteral("true"));
    switch (m_request.source) {
    case RunRequest::Source::Image: {
        SnapshotsService snapshots(m_client, m_request.snapshotter);
        auto mounts = snapshots.prepare(m_request.id, m_request.image.topChainId, {}, lease);
        if (!mounts && mounts.error().is(Error::AlreadyExists))
            return Error{Error::AlreadyExists,
                         QStringLiteral("a snapshot named \"%1\" already exists (an earlier run's?), and a run's snapshot "
                                        "takes the container ID; pick another ID, or remove it with ctr -n %2 "
                                        "snapshots rm %1").arg(m_request.id, m_client->ns())};
        if (!mounts)
            return mounts.error();
        m_madeSnapshot = true;
        m_rootfs = *mounts;
        auto layers = m_rootfs.size() == 1 ? LayerStack::fromMount(m_rootfs.constFirst()) : Result<LayerStack>(LayerStack());
        auto spec = RunPlanner::linuxSpec(m_request, m_client->ns(), layers ? *layers : LayerStack());
        if (!spec)
            return spec.error();
        m_spec = spec->toJson(-1);
        container.image = m_request.image.name;
        container.snapshotter = m_request.snapshotter;
        container.snapshotKey = m_request.id;
        break;
    }
    case RunRequest::Source::Stack: {
        auto rootfs = RunPlanner::overlayRootfs(m_request.stack);
        if (!rootfs)
            return rootfs.error();
        m_rootfs = {*rootfs};
        auto spec = RunPlanner::linuxSpec(m_request, m_client->ns(), m_request.stack);
        if (!spec)
            return spec.error();
        m_spec = spec->toJson(-1);
        break;
    }
    case RunRequest::Source::Config: {
        auto spec = RunPlanner::configSpec(m_request);
        if (!spec)
            return spec.error();
        auto rootfs = RunPlanner::configRootfs(*spec);
        if (!rootfs)
            return rootfs.error();
        m_rootfs = *rootfs;
        m_spec = spec->toJson(-1);
        break;
    }
    }
    container.spec = m_spec;
    auto created = ContainersService(m_client).create(container, lease);
    if (!created && created.error().is(Error::AlreadyExists))
        return containerExists();
    if (!created)
        return created.error();
    m_madeContainer = true;
    return success();
}

Error RunEngine::containerExists() const
{
    return {Error::AlreadyExists, QStringLiteral("a container named \"%1\" already exists in namespace \"%2\"; pick "
                                                 "another ID, or remove it with ctr -n %2 containers rm %1")
                                      .arg(m_request.id, m_client->ns())};
}

Status RunEngine::createTask()
{
    auto fifos = TaskStdio::create(m_request.id, m_request.withStdin, !m_request.terminal);
    if (!fifos)
        return fifos.error();
    m_fifos = std::move(*fifos);

    TasksService::CreateOptions options;
    options.containerId = m_request.id;
    options.rootfs = m_rootfs;
    options.stdinPath = m_fifos->path(TaskStdio::Stream::Stdin);
    options.stdoutPath = m_fifos->path(TaskStdio::Stream::Stdout);
    options.stderrPath = m_fifos->path(TaskStdio::Stream::Stderr);
    options.terminal = m_request.terminal;
    auto pid = TasksService(m_client).create(options);
    // Whether or not the shim opened its ends, readers may now take EOF at face value.
    m_fifos->releaseHolds();
    if (!pid)
        return pid.error();
    m_madeTask = true;
    return success();
}

Result<quint32> RunEngine::start()
{
    return TasksService(m_client).start(m_request.id);
}

Result<TaskExit> RunEngine::wait(const std::function<void(const QString &)> &notice)
{
    TasksService tasks(m_client);
    bool lost = false;
    const QDeadlineTimer giveUp{std::chrono::seconds(ReconnectSeconds)};
    for (;;) {
        auto exit = tasks.wait(m_request.id, &m_waitCancel);
        if (exit || !exit.error().is(Error::Unavailable) || giveUp.hasExpired()) {
            if (exit)
                m_exited = true;
            return exit;
        }
        if (!lost && notice)
            notice(QStringLiteral("containerd is unreachable; the task keeps running in its shim, reconnecting…"));
        lost = true;
        // A second between attempts, cut short by stopWaiting().
        const QDeadlineTimer retry{std::chrono::seconds(1)};
        while (!retry.hasExpired() && !m_waitCancel.isCancelled())
            QThread::msleep(20);
        if (m_waitCancel.isCancelled())
            return Error{Error::Cancelled, QStringLiteral("stopped waiting for %1").arg(m_request.id)};
        if (notice && tasks.list().ok())
            notice(QStringLiteral("containerd is back; following the task again"));
    }
}

void RunEngine::stopWaiting()
{
    m_waitCancel.cancel();
}

Status RunEngine::kill(int signal)
{
    return TasksService(m_client).kill(m_request.id, signal, true);
}

Status RunEngine::resize(int columns, int rows)
{
    if (columns <= 0 || rows <= 0)
        return Error{Error::InvalidArgument, QStringLiteral("a terminal of %1x%2 cells").arg(columns).arg(rows)};
    return TasksService(m_client).resizePty(m_request.id, {}, quint32(columns), quint32(rows));
}

Status RunEngine::closeStdin()
{
    if (m_fifos)
        m_fifos->closeStdin();
    if (!m_madeTask)
        return success();
    return TasksService(m_client).closeStdin(m_request.id);
}

Status RunEngine::cleanup()
{
    Status result = success();
    // True when the thing is gone (removed now, or already); a failure is kept for the caller.
    auto keep = [&result](const Status &s) {
        if (!s && !s.error().is(Error::NotFound)) {
            if (result)
                result = s;
            return false;
        }
        return true;
    };
    if (m_madeTask) {
        TasksService tasks(m_client);
        if (!m_exited) {
            // Delete refuses a running task: stop it the way ctr run --rm does on the way out.
            tasks.kill(m_request.id, TaskSignal::Kill, true);
            if (tasks.wait(m_request.id, nullptr, KilledExitTimeout))
                m_exited = true;
        }
        auto removed = tasks.remove(m_request.id);
        if (keep(removed ? success() : Status(removed.error())))
            m_madeTask = false;
    }
    m_fifos.reset();
    const bool removeAll = m_request.throwaway || m_failed;
    // Safe to call again: what is gone is not asked for twice, what failed is tried again.
    if (removeAll && m_madeContainer && keep(ContainersService(m_client).remove(m_request.id)))
        m_madeContainer = false;
    if (removeAll && m_madeSnapshot && keep(SnapshotsService(m_client, m_request.snapshotter).remove(m_request.id)))
        m_madeSnapshot = false;
    return result;
}

RunEngine::Leftovers RunEngine::leftovers() const
{
    const bool removeAll = m_request.throwaway || m_failed;
    return {m_madeTask, removeAll && m_madeContainer, removeAll && m_madeSnapshot};
}

} // namespace strata
