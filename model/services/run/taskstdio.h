#pragma once

#include <QtGlobal>

// A task's stdio ends and the readers that drain them, made and opened before Tasks.Create
// (the shim connects to them during Create): FIFOs on Linux; on Windows named-pipe servers, which hcsshim's shim dials
// during Create. Both pairs have the same shape, so the run engine names only these aliases.
#ifdef Q_OS_WIN
#include "platform/windows/taskpipereader.h"
#include "platform/windows/taskpipes.h"
#else
#include "run/fifoset.h"
#include "run/streamreader.h"
#endif

namespace strata {

#ifdef Q_OS_WIN
using TaskStdio = TaskPipes;
using TaskStdioReader = TaskPipeReader;
#else
using TaskStdio = FifoSet;
using TaskStdioReader = StreamReader;
#endif

// Signal numbers as they cross the wire: runc takes them as Linux signals, and hcsshim maps the
// same numbers for Windows containers (15 asks to shut down, 9 terminates). <csignal> on
// Windows has no SIGKILL, so these are spelled out.
namespace TaskSignal {
constexpr int Term = 15;
constexpr int Kill = 9;
} // namespace TaskSignal

} // namespace strata
