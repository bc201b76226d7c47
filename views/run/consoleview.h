#pragma once

#include "run/ansifilter.h"
#include "run/runcontroller.h"

#include <QStringDecoder>
#include <QTextCharFormat>
#include <QTimer>
#include <QWidget>

#include <deque>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace strata {

// One run's tab: output as it arrives (stderr in its own colour, ANSI colours rendered),
// a bounded scrollback, follow/pause, find, save, a stdin line, Stop and Kill, and the
// state with exit code and duration. Output is decoded into a backlog of at most the
// scrollback's worth of lines and inserted in slices of a few milliseconds, so a flood never
// stalls the event loop and lines the cap would evict at once are never laid out.
class ConsoleView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int DefaultScrollbackLines = 10000;
    // Longer lines are broken into blocks of this size, so a flood without newlines still
    // respects the scrollback cap.
    static constexpr int MaxLineChars = 4096;
    // A tab title longer than this is cut with an ellipsis.
    static constexpr int MaxTitleChars = 40;

    // Takes over `controller` (reparented to this view).
    explicit ConsoleView(RunController *controller, QWidget *parent = nullptr);

    RunController *controller() const { return m_controller; }
    QPlainTextEdit *output() const { return m_output; }
    // Scrollback in lines (QSettings "console/scrollbackLines" by default).
    void setScrollbackLines(int lines);
    // The text shown, as plain text (what Save log writes).
    QString text() const;
    // What runs ("one:latest: sh -c …") and how it ended.
    QString title() const;
    // Everything the run wrote so far is in the document (nothing pending or queued).
    bool caughtUp() const { return m_backlog.empty() && m_controller->pendingBytes() == 0; }
    // The output area in character cells (columns, rows): what a TTY run is told.
    QSize terminalSize() const;

    // What the Stop, Kill, Save log and Find controls do; the Run menu calls them too.
    bool canStop() const;
    bool canKill() const;
    void stopRun();
    void killRun();
    void saveLog();
    void focusFind();

Q_SIGNALS:
    void titleChanged(const QString &title);
    // canStop() or canKill() may have changed.
    void stateChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Styled text waiting to be inserted; `lines` counts its newlines.
    struct Piece
    {
        QString text;
        QTextCharFormat format;
        int lines = 0;
    };

    void scheduleDrain();
    void drain();
    void appendText(RunController::Stream stream, const QString &text);
    void enqueue(const QString &text, const QTextCharFormat &format);
    // Drops the oldest backlog lines beyond the scrollback cap.
    void trimBacklog();
    // Inserts backlog text until the time slice is used up; false when some is left.
    bool insertBacklog(qint64 budgetMs);
    // Removes the oldest blocks beyond the scrollback cap.
    void evictLines();
    void updateState();
    void sendLine();
    void find(bool backwards);

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
    QTimer m_resizeDebounce;
    bool m_drainScheduled = false;
    int m_lineChars = 0;
    int m_scrollbackLines = DefaultScrollbackLines;
    std::deque<Piece> m_backlog;
    int m_backlogLines = 0;
    // The document's last line has no newline yet / lost its tail to trimBacklog().
    bool m_openLine = false;
    bool m_breakLine = false;
    bool m_sentFirstSize = false;

    QStringDecoder m_decoders[2];
    AnsiFilter m_filters[2];
    QTextCharFormat m_baseFormats[2];
};

} // namespace strata
