#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace strata {

class ConsoleView;
class Session;
struct RunRequest;

// The Runs page: a small form to start an image run, and one console tab per run. Quitting
// the window while runs are in flight asks first, then stops and cleans them up.
class RunsPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunsPage(Session *session, QWidget *parent = nullptr);

    // Starts a run in a new tab (the layer editor's "Run" lands here too); null, after
    // saying so, while not connected.
    ConsoleView *startRun(const RunRequest &request);
    int runsInFlight() const;
    QTabWidget *tabs() const { return m_tabs; }
    // Stops every run still going and waits until each is cleaned up.
    void shutdownAll();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void runImage();

    Session *m_session;
    QLineEdit *m_image;
    QLineEdit *m_command;
    QCheckBox *m_tty;
    QCheckBox *m_remove;
    QPushButton *m_run;
    QTabWidget *m_tabs;
    bool m_watchingWindow = false;
};

} // namespace strata
