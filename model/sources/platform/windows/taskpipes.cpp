#include "platform/windows/taskpipes.h"

namespace strata {

Result<std::unique_ptr<TaskPipes>> TaskPipes::create(const QString &id, bool withStdin, bool withStderr)
{
    auto created = StdioPipes::create(id.toStdWString(), withStdin, withStderr);
    if (auto *error = std::get_if<std::wstring>(&created))
        return Error{Error::Io, QStringLiteral("cannot set up the task's stdio pipes: %1").arg(QString::fromStdWString(*error))};
    return std::unique_ptr<TaskPipes>(new TaskPipes(std::move(std::get<std::unique_ptr<StdioPipes>>(created))));
}

TaskPipes::TaskPipes(std::unique_ptr<StdioPipes> pipes)
    : m_pipes(std::move(pipes))
{
}

TaskPipes::~TaskPipes() = default;

QString TaskPipes::path(Stream stream) const
{
    return QString::fromStdWString(m_pipes->path(stream));
}

void *TaskPipes::fd(Stream stream) const
{
    return m_pipes->handle(stream);
}

void TaskPipes::releaseHolds()
{
    m_pipes->releaseHolds();
}

Status TaskPipes::writeStdin(const char *data, qsizetype size, const std::atomic<bool> *abort)
{
    const auto written = m_pipes->writeStdin(data, size_t(size), abort);
    const QString message = QString::fromStdWString(written.message);
    switch (written.kind) {
    case StdioPipes::WriteStatus::Written:
        return success();
    case StdioPipes::WriteStatus::Closed:
        return Error{Error::FailedPrecondition, message};
    case StdioPipes::WriteStatus::Aborted:
        return Error{Error::Cancelled, message};
    case StdioPipes::WriteStatus::Failed:
        break;
    }
    return Error{Error::Io, message};
}

void TaskPipes::closeStdin()
{
    m_pipes->closeStdin();
}

} // namespace strata
