#pragma once

#include "core/result.h"

#include <QStringList>

namespace strata {

// A command line typed by a user, split the way a POSIX shell splits words: whitespace
// separates, '…' keeps everything literal, "…" and \ escape. QProcess::splitCommand knows only
// double quotes, so `sh -c 'echo a; echo b'` came apart there.
class CommandLine
{
public:
    // InvalidArgument for an unterminated quote or a trailing backslash.
    static Result<QStringList> split(const QString &line);
};

} // namespace strata
