#pragma once

#include "session/session.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace strata {

class FirstRunDemo;

// Shown when no containerd answers at an address Strata has not reached yet in this run (the
// first start, or a new address): says so and offers the ways out. The banner above it keeps
// the precise cause (no socket, permission denied, not containerd).
class FirstRunPanel : public QFrame
{
    Q_OBJECT
public:
    explicit FirstRunPanel(Session *session, QWidget *parent = nullptr);

    // Where the demo containerd lives (default FirstRunDemo::defaultDirectory()).
    void setDemoDirectory(const QString &directory) { m_demoDirectory = directory; }

Q_SIGNALS:
    void chooseAddressRequested();
    void connectRequested(const QString &address, const QString &ns);

private:
    void onStateChanged(Session::State state);
    void startDemo();
    void onDemoFinished(bool ok, const QString &message);
    // The choices, or (false) only the demo's outcome after it connected.
    void showChoices(bool choices);

    Session *m_session;
    FirstRunDemo *m_demo;
    QLabel *m_title;
    QLabel *m_chooseText;
    QPushButton *m_chooseButton;
    QPushButton *m_demoButton;
    QLabel *m_demoText;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QString m_demoDirectory;
    // The address the session last reached; losing it again is an outage for the banner alone.
    QString m_reachedAddress;
    // The address the choices were offered for: the session reports Unreachable on every
    // failed probe, and a dismissed panel must stay dismissed.
    QString m_offeredAddress;
    // Set when the demo started; its first connection keeps the panel up to say how to stop it.
    QString m_demoAddress;
};

} // namespace strata
