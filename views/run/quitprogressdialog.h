#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <chrono>

class QLabel;
class QProgressBar;
class QPushButton;

namespace strata {

class RunController;

// Quitting with runs in flight: ends them all and shows how many are cleaned up; it closes by
// itself (accepted) once they are. After `bound`, or on "Quit now", it stops waiting and says
// what was left behind, by id, and the user quits anyway. Nothing here waits for containerd.
class QuitProgressDialog : public QDialog
{
    Q_OBJECT
public:
    QuitProgressDialog(const QList<RunController *> &runs, std::chrono::milliseconds bound, QWidget *parent = nullptr);

    QString text() const;
    bool gaveUp() const { return m_gaveUp; }

private:
    void update();
    void giveUp();

    QList<QPointer<RunController>> m_runs;
    QLabel *m_text;
    QProgressBar *m_progress;
    QPushButton *m_button;
    QTimer m_bound;
    QTimer m_tick;
    QElapsedTimer m_clock;
    bool m_gaveUp = false;
};

} // namespace strata
