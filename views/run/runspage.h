#pragma once

#include "page.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <chrono>

class QAbstractItemModel;
class QAction;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace strata {

class ConsoleView;
class MessageBanner;
class QuitProgressDialog;
class RunController;
class Session;
struct RunRequest;

// The Runs page: a small form to start an image run, and one console tab per run. Closing a
// tab of a run in flight asks first; the tab goes at once and the run ends and is cleaned up
// in the background (the banner says if something could not be removed). Quitting the window
// while runs are in flight asks first, then shows their cleanup in a QuitProgressDialog that
// gives up after quitBound() and says what was left behind.
class RunsPage : public QWidget, public Page
{
    Q_OBJECT
public:
    explicit RunsPage(Session *session, QWidget *parent = nullptr);

    // Starts a run in a new tab (the layer editor's "Run" lands here too); null, after
    // saying so, while not connected.
    ConsoleView *startRun(const RunRequest &request);
    // Runs of open tabs still in flight, and closed ones still cleaning up.
    int runsInFlight() const;
    QTabWidget *tabs() const { return m_tabs; }
    MessageBanner *banner() const { return m_banner; }
    // Closes the tab now; a run in flight ends and is cleaned up in the background.
    void closeRun(ConsoleView *console);
    // The form, ready to run `image`: the command field has the focus (Images page: Run…).
    void prepareImageRun(const QString &image);
    // The image field completes from `images` (names in `column`).
    void setImageCompletions(QAbstractItemModel *images, int column);
    QLineEdit *imageField() const { return m_image; }
    // The tab in front; null when there is none.
    ConsoleView *currentConsole() const;

    // Runs are live already: nothing to reload.
    void refreshPage() override {}
    QString menuTitle() const override { return tr("R&un"); }
    void registerActions(ActionRegistry &registry) override;

    static constexpr std::chrono::seconds DefaultQuitBound{15};
    std::chrono::milliseconds quitBound() const { return m_quitBound; }
    void setQuitBound(std::chrono::milliseconds bound) { m_quitBound = bound; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void runImage();
    void watchWindow();
    // A tab's close button or Close tab: asks first while its run is in flight.
    void requestClose(int index);
    // The Run menu acts on the tab in front.
    void updateConsoleActions();
    void confirmQuit();
    QList<RunController *> runsToEnd() const;

    Session *m_session;
    QLineEdit *m_image;
    QLineEdit *m_command;
    QCheckBox *m_tty;
    QCheckBox *m_remove;
    QPushButton *m_run;
    QTabWidget *m_tabs;
    MessageBanner *m_banner;
    QAction *m_stopAction;
    QAction *m_killAction;
    QAction *m_saveLogAction;
    QAction *m_findAction;
    QAction *m_closeAction;
    bool m_watchingWindow = false;
    // Runs whose tab was closed, still ending.
    QList<RunController *> m_closing;
    // Quitting: asked (or cleaning up) / done, let the next close through.
    QPointer<QWidget> m_quitting;
    bool m_quitReady = false;
    std::chrono::milliseconds m_quitBound = DefaultQuitBound;
};

} // namespace strata
