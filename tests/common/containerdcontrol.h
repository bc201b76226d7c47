#pragma once

// Stopping and starting the private containerd of the ctest fixture (containerd_up), for
// suites that test what happens while it is away. Every suite that stops it must start it
// again, pass or fail: the suites after it share the instance.

#include "testenv.h"

#include "client/client.h"
#include "client/versionservice.h"

#include <QFile>
#include <QTest>

#include <csignal>

namespace strata::test {

inline QString containerdDir() { return env("STRATA_TEST_DIR"); }

inline pid_t containerdPid()
{
    QFile pidFile(containerdDir() + QStringLiteral("/containerd.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    return pid_t(pidFile.readAll().trimmed().toInt());
}

// Starts it (a no-op when it answers) and waits until it answers; true on success.
inline bool startContainerd()
{
    const auto started = runProgram(QStringLiteral("bash"),
                                    {env("STRATA_SCRIPTS") + QStringLiteral("/private-containerd.sh"),
                                     QStringLiteral("start"), containerdDir()});
    return started.exitCode == 0;
}

// `signal` to the daemon alone, the way a crash (SIGKILL) or an upgrade (SIGTERM) stops it:
// the shims and their tasks live on. True once it is gone.
inline bool stopDaemonOnly(int signal = SIGTERM)
{
    const pid_t pid = containerdPid();
    if (pid <= 1 || ::kill(pid, signal) != 0)
        return false;
    return QTest::qWaitFor([pid] { return ::kill(pid, 0) != 0; }, 20000);
}

// A client's channel retries the socket with a backoff of up to 2 s: after a restart, its
// calls fail fast until then. True once `client` is answered.
inline bool answers(const std::shared_ptr<const Client> &client)
{
    return QTest::qWaitFor([&] { return VersionService(client).version().ok(); }, 10000);
}

} // namespace strata::test
