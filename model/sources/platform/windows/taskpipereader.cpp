#include "platform/windows/taskpipereader.h"

#include <io.h>

namespace strata {

TaskPipeReader::TaskPipeReader(void *pipe)
    : m_drain(pipe)
{
}

TaskPipeReader::~TaskPipeReader() = default;

void TaskPipeReader::start(Sink sink, qsizetype chunk)
{
    m_drain.start(std::move(sink), chunk);
}

void TaskPipeReader::startForwarding(void *out)
{
    m_drain.startForwarding(out);
}

void TaskPipeReader::startForwarding(int outFd)
{
    // An invalid descriptor gives INVALID_HANDLE_VALUE, whose first write fails into status().
    m_drain.startForwarding(reinterpret_cast<void *>(_get_osfhandle(outFd)));
}

void TaskPipeReader::cancel()
{
    m_drain.cancel();
}

void TaskPipeReader::join()
{
    m_drain.join();
    if (!m_drain.error().empty())
        m_status = Error{Error::Io, QString::fromStdWString(m_drain.error())};
}

} // namespace strata
