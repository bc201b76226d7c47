#pragma once

// Shared by the suites that talk to the private containerd the ctest fixture starts
// (tests/CMakeLists.txt: containerd_up). Header-only: each suite is its own executable.

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

namespace strata::test {

inline QString env(const char *name)
{
    return QProcessEnvironment::systemEnvironment().value(QString::fromLatin1(name));
}

// unix://<dir>/containerd.sock
inline QString address() { return env("STRATA_TEST_ADDRESS"); }
inline QString socketPath() { return address().mid(int(qstrlen("unix://"))); }
inline QString testNamespace() { return QStringLiteral("strata-test"); }

inline QString fixture(const QString &relative) { return env("STRATA_FIXTURES") + QLatin1Char('/') + relative; }

struct ProcessResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ProcessResult runProgram(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, {}, "could not start " + program.toUtf8()};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

// `ctr` against the private containerd; `ns` empty means the test namespace.
inline ProcessResult ctr(const QStringList &args, const QString &ns = {})
{
    return runProgram(QStringLiteral("ctr"),
                      QStringList{QStringLiteral("--address"), socketPath(), QStringLiteral("-n"),
                                  ns.isEmpty() ? testNamespace() : ns} + args);
}

// The image names `ctr images ls -q` lists in `ns`, sorted.
inline QStringList imageNames(const QString &ns)
{
    QStringList names = QString::fromUtf8(ctr({QStringLiteral("images"), QStringLiteral("ls"), QStringLiteral("-q")}, ns).out)
                            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    names.sort();
    return names;
}

} // namespace strata::test

// Fails the current test when the environment is not there: a missing containerd is a failure.
#define STRATA_REQUIRE_CONTAINERD()                                                              \
    do {                                                                                         \
        if (strata::test::address().isEmpty())                                                   \
            QFAIL("STRATA_TEST_ADDRESS is not set: run this suite through ctest, whose "         \
                  "containerd_up fixture starts the private containerd");                        \
    } while (false)

namespace strata::test {

// The private registries the registry_up fixture starts (scripts/test-registry.sh): PLAIN,
// SECURE (host:port), CA, USER, PASSWORD, OTHER_PLATFORM.
inline QString registry(const char *key)
{
    QFile file(env("STRATA_TEST_REGISTRY") + QStringLiteral("/env"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray prefix = QByteArray(key) + '=';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return QString::fromUtf8(line.mid(prefix.size()));
    }
    return {};
}

} // namespace strata::test

#define STRATA_REQUIRE_REGISTRY()                                                                \
    do {                                                                                         \
        STRATA_REQUIRE_CONTAINERD();                                                             \
        if (strata::test::registry("PLAIN").isEmpty())                                           \
            QFAIL("no private registry: run this suite through ctest, whose registry_up "        \
                  "fixture starts it (STRATA_TEST_REGISTRY/env)");                               \
    } while (false)
