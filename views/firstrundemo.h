#pragma once

#include <QObject>
#include <QProcess>
#include <QStringList>

namespace strata {

// Starts a private containerd with the demo images, as scripts/run.sh does when no containerd
// answers: scripts/private-containerd.sh start DIR, then scripts/build-test-images.sh into
// namespace "default". Runs the scripts one after another without blocking the GUI.
class FirstRunDemo : public QObject
{
    Q_OBJECT
public:
    explicit FirstRunDemo(QObject *parent = nullptr);
    ~FirstRunDemo() override;

    static QString defaultDirectory() { return QStringLiteral("/tmp/strata-demo"); }
    static QString demoNamespace() { return QStringLiteral("default"); }
    // Where private-containerd.sh and build-test-images.sh are: $STRATA_SCRIPTS, then
    // <prefix>/share/strata/scripts next to the installed binary, then the source tree this
    // build came from. Empty when none has both.
    static QString scriptsDirectory();
    // Empty when this machine can start the demo; otherwise one sentence saying why not.
    static QString unavailableReason();

    static int stepCount() { return 2; }
    void start(const QString &directory);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    QString address() const;

Q_SIGNALS:
    // `step` counts from 1; `text` is the scripts' latest progress line.
    void progress(int step, const QString &text);
    // On failure `message` says which step failed and ends with the scripts' last lines.
    void finished(bool ok, const QString &message);

private:
    void runStep();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onOutput();

    QProcess m_process;
    QString m_directory;
    QString m_scripts;
    QStringList m_tail;
    int m_step = 0;
};

} // namespace strata
