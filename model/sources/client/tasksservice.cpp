#include "client/tasksservice.h"

#include "client/callcancel.h"
#include "client/client.h"
#include "client/grpcstatus.h"
#include "client/protoconvert.h"

#include "github.com/containerd/containerd/api/services/tasks/v1/tasks.grpc.pb.h"

#include <grpcpp/grpcpp.h>

namespace strata {

namespace ts = containerd::services::tasks::v1;
using proto::str;

namespace {

TaskStatus taskStatus(containerd::v1::types::Status s)
{
    switch (s) {
    case containerd::v1::types::CREATED: return TaskStatus::Created;
    case containerd::v1::types::RUNNING: return TaskStatus::Running;
    case containerd::v1::types::STOPPED: return TaskStatus::Stopped;
    case containerd::v1::types::PAUSED: return TaskStatus::Paused;
    case containerd::v1::types::PAUSING: return TaskStatus::Pausing;
    default: return TaskStatus::Unknown;
    }
}

} // namespace

Result<quint32> TasksService::create(const CreateOptions &o) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::CreateTaskRequest req;
    req.set_container_id(str(o.containerId));
    for (const auto &m : o.rootfs)
        proto::toWire(m, req.add_rootfs());
    req.set_stdin(str(o.stdinPath));
    req.set_stdout(str(o.stdoutPath));
    req.set_stderr(str(o.stderrPath));
    req.set_terminal(o.terminal);
    ts::CreateTaskResponse resp;
    // Creating a task starts a shim and mounts the rootfs: allow more than the default.
    auto ctx = m_client->context();
    ctx->set_deadline(std::chrono::system_clock::now() + std::max(m_client->timeout(), std::chrono::milliseconds(60000)));
    auto status = stub->Create(ctx.get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return resp.pid();
}

Result<quint32> TasksService::start(const QString &containerId) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::StartRequest req;
    req.set_container_id(str(containerId));
    ts::StartResponse resp;
    auto status = stub->Start(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return resp.pid();
}

Result<TaskExit> TasksService::wait(const QString &containerId, CallCancel *cancel,
                                   std::chrono::milliseconds timeout) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::WaitRequest req;
    req.set_container_id(str(containerId));
    ts::WaitResponse resp;
    auto ctx = m_client->streamContext();
    if (timeout.count() > 0)
        ctx->set_deadline(std::chrono::system_clock::now() + timeout);
    if (cancel && !cancel->attach(ctx.get()))
        return Error{Error::Cancelled, QStringLiteral("stopped waiting for %1").arg(containerId)};
    auto status = stub->Wait(ctx.get(), req, &resp);
    if (cancel)
        cancel->detach();
    if (!status.ok())
        return toError(status);
    return TaskExit{resp.exit_status(), proto::time(resp.exited_at())};
}

Status TasksService::kill(const QString &containerId, int signal, bool all) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::KillRequest req;
    req.set_container_id(str(containerId));
    req.set_signal(static_cast<quint32>(signal));
    req.set_all(all);
    google::protobuf::Empty resp;
    auto status = stub->Kill(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

Status TasksService::closeStdin(const QString &containerId) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::CloseIORequest req;
    req.set_container_id(str(containerId));
    req.set_stdin(true);
    google::protobuf::Empty resp;
    auto status = stub->CloseIO(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

Status TasksService::resizePty(const QString &containerId, const QString &execId, quint32 width, quint32 height) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::ResizePtyRequest req;
    req.set_container_id(str(containerId));
    req.set_exec_id(str(execId));
    req.set_width(width);
    req.set_height(height);
    google::protobuf::Empty resp;
    auto status = stub->ResizePty(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return success();
}

Result<TaskExit> TasksService::remove(const QString &containerId) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::DeleteTaskRequest req;
    req.set_container_id(str(containerId));
    ts::DeleteResponse resp;
    auto status = stub->Delete(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    return TaskExit{resp.exit_status(), proto::time(resp.exited_at())};
}

Result<QList<TaskRecord>> TasksService::list(const QStringList &filters) const
{
    auto stub = ts::Tasks::NewStub(m_client->channel());
    ts::ListTasksRequest req;
    if (!filters.isEmpty())
        req.set_filter(str(filters.join(QLatin1Char(','))));
    ts::ListTasksResponse resp;
    auto status = stub->List(m_client->context().get(), req, &resp);
    if (!status.ok())
        return toError(status);
    QList<TaskRecord> out;
    // containerd 1.6 fills `id` (the task's, which is the container's id) and leaves
    // container_id empty for init processes.
    for (const auto &p : resp.tasks())
        out << TaskRecord{str(p.container_id().empty() ? p.id() : p.container_id()), p.pid(), taskStatus(p.status()), p.exit_status(),
                          proto::time(p.exited_at())};
    return out;
}

} // namespace strata
