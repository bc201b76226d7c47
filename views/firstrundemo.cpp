#include "firstrundemo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace strata {

namespace {

constexpr int kTailLines = 8;

bool hasScripts(const QString &dir)
{
    return !dir.isEmpty() && QFileInfo::exists(dir + QStringLiteral("/private-containerd.sh"))
        && QFileInfo::exists(dir + QStringLiteral("/build-test-images.sh"));
}

} // namespace

FirstRunDemo::FirstRunDemo(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, &FirstRunDemo::onOutput);
    connect(&m_process, &QProcess::finished, this, &FirstRunDemo::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT finished(false, tr("Could not run bash: %1").arg(m_process.errorString()));
    });
}

FirstRunDemo::~FirstRunDemo()
{
    // The daemon itself is started with setsid and survives; only a script still running dies.
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString FirstRunDemo::scriptsDirectory()
{
    const QString fromEnv = QProcessEnvironment::systemEnvironment().value(QStringLiteral("STRATA_SCRIPTS"));
    const QStringList candidates{
        fromEnv,
        QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/strata/scripts")),
#ifdef STRATA_SOURCE_SCRIPTS
        QStringLiteral(STRATA_SOURCE_SCRIPTS),
#endif
    };
    for (const QString &dir : candidates) {
        if (hasScripts(dir))
            return dir;
    }
    return {};
}

QString FirstRunDemo::unavailableReason()
{
#ifdef Q_OS_LINUX
    if (::geteuid() != 0)
        return tr("Starting a demo containerd needs root: run Strata with sudo to get that choice.");
    if (scriptsDirectory().isEmpty())
        return tr("The demo scripts (private-containerd.sh, build-test-images.sh) are not installed next to Strata.");
    return {};
#else
    return tr("A demo containerd can only be started on Linux.");
#endif
}

QString FirstRunDemo::address() const
{
    return QStringLiteral("unix://") + m_directory + QStringLiteral("/containerd.sock");
}

void FirstRunDemo::start(const QString &directory)
{
    if (isRunning())
        return;
    m_directory = directory;
    m_scripts = scriptsDirectory();
    m_tail.clear();
    m_step = 0;
    runStep();
}

void FirstRunDemo::runStep()
{
    ++m_step;
    QStringList args;
    QString what;
    if (m_step == 1) {
        what = tr("Starting containerd in %1…").arg(m_directory);
        args = {m_scripts + QStringLiteral("/private-containerd.sh"), QStringLiteral("start"), m_directory};
    } else {
        what = tr("Building and importing the demo images…");
        args = {m_scripts + QStringLiteral("/build-test-images.sh"), m_directory + QStringLiteral("/containerd.sock"),
                demoNamespace()};
    }
    Q_EMIT progress(m_step, what);
    m_process.start(QStringLiteral("bash"), args);
}

void FirstRunDemo::onOutput()
{
    while (m_process.canReadLine()) {
        const QString line = QString::fromLocal8Bit(m_process.readLine()).trimmed();
        if (line.isEmpty())
            continue;
        m_tail << line;
        if (m_tail.size() > kTailLines)
            m_tail.removeFirst();
        Q_EMIT progress(m_step, line);
    }
}

void FirstRunDemo::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onOutput();
    if (status != QProcess::NormalExit || exitCode != 0) {
        const QString step = m_step == 1 ? tr("Starting the demo containerd failed")
                                         : tr("Importing the demo images failed");
        Q_EMIT finished(false, step + QStringLiteral(":\n") + m_tail.join(QLatin1Char('\n')));
        return;
    }
    if (m_step < stepCount()) {
        runStep();
        return;
    }
    Q_EMIT finished(true, tr("The demo containerd runs at %1 with strata.test/one and strata.test/three in namespace "
                             "\"%2\". It keeps running after Strata exits; stop it with\n%3 stop %4")
                              .arg(address(), demoNamespace(), m_scripts + QStringLiteral("/private-containerd.sh"),
                                   m_directory));
}

} // namespace strata
