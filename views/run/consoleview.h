#pragma once

#include "run/ansifilter.h"
#include "run/runcontroller.h"

#include <QStringDecoder>
#include <QTextCharFormat>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace strata {

// One run's tab: output as it arrives (stderr in its own colour, ANSI colours rendered),
// a bounded scrollback, follow/pause, find, save, a stdin line, Stop and Kill, and the
// state with exit code and duration. Output is drained in slices of a few milliseconds so a
// flood never stalls the event loop.
class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DefaultScrollbackLines = 10000;
    // Longer lines are broken into blocks of this size, so a flood without newlines still
    // respects the scrollback cap.
    static constexpr int MaxLineChars = 4096;

    // Takes over `controller` (reparented to this view).
    explicit ConsoleView(RunController *controller, QWidget *parent = nullptr);

    RunController *controller() const { return m_controller; }
    QPlainTextEdit *output() const { return m_output; }
    // Scrollback in lines (QSettings "console/scrollbackLines" by default).
    void setScrollbackLines(int lines);
    // The text shown, as plain text (what Save log writes).
    QString text() const;
    QString title() const;

Q_SIGNALS:
    void titleChanged(const QString &title);

private:
    void drain();
    void appendText(RunController::Stream stream, const QString &text);
    void updateState();
    void sendLine();
    void find(bool backwards);
    void saveLog();

    RunController *m_controller;
    QLabel *m_state;
    QCheckBox *m_follow;
    QLineEdit *m_find;
    QPlainTextEdit *m_output;
    QLineEdit *m_input;
    QPushButton *m_send;
    QPushButton *m_endInput;
    QPushButton *m_stop;
    QPushButton *m_kill;
    QTimer m_clock;
    bool m_drainScheduled = false;
    int m_lineChars = 0;

    QStringDecoder m_decoders[2];
    AnsiFilter m_filters[2];
    QTextCharFormat m_baseFormats[2];
};

} // namespace strata
