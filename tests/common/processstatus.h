#pragma once

// A field of this process's /proc/self/status in kB ("VmRSS:", "VmHWM:"), or -1 when it cannot
// be read. Header-only, for the suites and the benches that watch their own memory.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace strata::test {

inline long processStatusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

} // namespace strata::test
