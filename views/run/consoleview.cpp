#include "run/consoleview.h"

#include "elidedlabel.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QTextBlock>
#include <QVBoxLayout>

namespace strata {

namespace {

// The 16 terminal colours (xterm defaults), normal then bright.
QColor ansiColour(int index)
{
    static const QColor colours[16] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},   {0, 0, 238},    {205, 0, 205},
        {0, 205, 205},   {229, 229, 229}, {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
    };
    return colours[index & 15];
}

// Time slice for one drain: well under the 50 ms stall budget, leaving room for painting.
constexpr int DrainSliceMs = 8;
// Inserting always gets this much of a slice, so the view moves even while decoding is busy.
constexpr int MinInsertMs = 2;
constexpr qsizetype TakeBytes = 64 * 1024;
constexpr qsizetype DecodeBytesPerTurn = 1024 * 1024;
// One insert: about a dozen lines of a flood, about a millisecond to lay out here.
constexpr qsizetype InsertChars = 1024;

QString stateText(const RunController &c)
{
    const double seconds = double(c.durationMs()) / 1000.0;
    switch (c.state()) {
    case RunController::State::Idle:
        return QObject::tr("idle");
    case RunController::State::Creating:
        return QObject::tr("creating…");
    case RunController::State::Created:
        return QObject::tr("created");
    case RunController::State::Running:
        if (c.isStopping()) {
            const qint64 left = c.killInMs();
            return left > 0 ? QObject::tr("stopping · SIGTERM sent, SIGKILL in %1 s · %2 s").arg((left + 999) / 1000).arg(seconds, 0, 'f', 1)
                            : QObject::tr("stopping · SIGKILL sent · %1 s").arg(seconds, 0, 'f', 1);
        }
        return QObject::tr("running · %1 s").arg(seconds, 0, 'f', 1);
    case RunController::State::Exited:
        return QObject::tr("exited with code %1 after %2 s").arg(c.exitStatus()).arg(seconds, 0, 'f', 2);
    case RunController::State::Failed:
        return QObject::tr("failed: %1").arg(c.error().message);
    }
    return {};
}

} // namespace

ConsoleView::ConsoleView(RunController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_state(new ElidedLabel(this))
    , m_follow(new QCheckBox(tr("Follow"), this))
    , m_find(new QLineEdit(this))
    , m_output(new QPlainTextEdit(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_endInput(new QPushButton(tr("End input (Ctrl+D)"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_kill(new QPushButton(tr("Kill"), this))
    , m_decoders{QStringDecoder(QStringDecoder::Utf8), QStringDecoder(QStringDecoder::Utf8)}
{
    m_controller->setParent(this);
    m_state->setObjectName(QStringLiteral("consoleState"));
    m_output->setObjectName(QStringLiteral("consoleOutput"));
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_send->setObjectName(QStringLiteral("consoleSend"));
    m_endInput->setObjectName(QStringLiteral("consoleEndInput"));
    m_stop->setObjectName(QStringLiteral("consoleStop"));
    m_kill->setObjectName(QStringLiteral("consoleKill"));
    m_follow->setChecked(true);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    auto *save = new QPushButton(tr("Save log…"), this);

    m_output->setReadOnly(true);
    m_output->setUndoRedoEnabled(false);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setScrollbackLines(QSettings().value(QStringLiteral("console/scrollbackLines"), DefaultScrollbackLines).toInt());
    m_baseFormats[1].setForeground(QColor(200, 40, 40));

    m_input->setPlaceholderText(tr("Input to the process; Enter sends the line"));
    const bool withStdin = m_controller->request().withStdin;
    m_input->setEnabled(withStdin);
    m_send->setEnabled(withStdin);
    m_endInput->setEnabled(withStdin);

    auto *top = new QHBoxLayout;
    top->addWidget(m_state, 1);
    top->addWidget(m_follow);
    top->addWidget(m_find);
    top->addWidget(save);
    top->addWidget(m_stop);
    top->addWidget(m_kill);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_input, 1);
    bottom->addWidget(m_send);
    bottom->addWidget(m_endInput);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_output, 1);
    layout->addLayout(bottom);

    connect(m_controller, &RunController::outputReady, this, &ConsoleView::scheduleDrain);
    connect(m_controller, &RunController::stateChanged, this, &ConsoleView::updateState);
    connect(m_controller, &RunController::notice, this, [this](const QString &text) {
        appendText(RunController::Stream::Stderr, QStringLiteral("\n[strata] %1\n").arg(text));
    });
    connect(m_input, &QLineEdit::returnPressed, this, &ConsoleView::sendLine);
    connect(m_send, &QPushButton::clicked, this, &ConsoleView::sendLine);
    connect(m_endInput, &QPushButton::clicked, this, [this] {
        m_controller->closeInput();
        m_input->setEnabled(false);
        m_send->setEnabled(false);
        m_endInput->setEnabled(false);
    });
    auto *ctrlD = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_D), m_input);
    ctrlD->setContext(Qt::WidgetShortcut);
    connect(ctrlD, &QShortcut::activated, m_endInput, &QPushButton::click);
    connect(m_stop, &QPushButton::clicked, this, &ConsoleView::stopRun);
    connect(m_kill, &QPushButton::clicked, this, &ConsoleView::killRun);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { find(false); });
    connect(save, &QPushButton::clicked, this, &ConsoleView::saveLog);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
    });
    if (m_controller->request().terminal) {
        // A drag resizes many times a second; the task hears the size it settles on.
        m_resizeDebounce.setSingleShot(true);
        m_resizeDebounce.setInterval(150);
        connect(&m_resizeDebounce, &QTimer::timeout, this, [this] {
            const QSize cells = terminalSize();
            m_controller->resize(cells.width(), cells.height());
        });
        m_output->viewport()->installEventFilter(this);
    }
    m_clock.setInterval(500);
    connect(&m_clock, &QTimer::timeout, this, &ConsoleView::updateState);
    updateState();
}

QSize ConsoleView::terminalSize() const
{
    const QFontMetrics metrics(m_output->font());
    const int margin = int(2 * m_output->document()->documentMargin());
    const QSize area = m_output->viewport()->size();
    return {qMax(1, (area.width() - margin) / qMax(1, metrics.horizontalAdvance(QLatin1Char('M')))),
            qMax(1, (area.height() - margin) / qMax(1, metrics.lineSpacing()))};
}

bool ConsoleView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_output->viewport() && event->type() == QEvent::Resize) {
        // The first size goes out at once: the task is being created and should start with it.
        if (m_sentFirstSize) {
            m_resizeDebounce.start();
        } else {
            m_sentFirstSize = true;
            const QSize cells = terminalSize();
            m_controller->resize(cells.width(), cells.height());
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConsoleView::setScrollbackLines(int lines)
{
    m_scrollbackLines = qMax(100, lines);
    evictLines();
}

void ConsoleView::evictLines()
{
    // Not QPlainTextEdit's maximumBlockCount: that walks the evicted blocks with a cursor
    // that lays each one out again, which doubled the cost of every line in a flood.
    QTextDocument *document = m_output->document();
    const int excess = document->blockCount() - m_scrollbackLines;
    if (excess <= 0)
        return;
    QTextCursor cursor(document);
    cursor.setPosition(document->findBlockByNumber(excess).position(), QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
}

QString ConsoleView::text() const
{
    return m_output->toPlainText();
}

QString ConsoleView::title() const
{
    const auto &r = m_controller->request();
    // Runs are told apart by what runs; the container id is the tab's tooltip.
    QString what;
    switch (r.source) {
    case RunRequest::Source::Image:
        what = r.image.name.section(QLatin1Char('/'), -1);
        break;
    case RunRequest::Source::Stack:
        what = tr("stack");
        break;
    case RunRequest::Source::Config:
        what = QFileInfo(r.configPath).fileName();
        break;
    }
    QString name = r.args.isEmpty() ? what : QStringLiteral("%1: %2").arg(what, r.args.join(QLatin1Char(' ')));
    if (name.size() > MaxTitleChars)
        name = name.left(MaxTitleChars - 1) + QChar(0x2026);
    QString mark;
    if (m_controller->state() == RunController::State::Exited)
        mark = QStringLiteral(" (%1)").arg(m_controller->exitStatus());
    else if (m_controller->state() == RunController::State::Failed)
        mark = QStringLiteral(" (failed)");
    return name + mark;
}

void ConsoleView::scheduleDrain()
{
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        QTimer::singleShot(0, this, &ConsoleView::drain);
    }
}

void ConsoleView::drain()
{
    m_drainScheduled = false;
    QElapsedTimer slice;
    slice.start();
    // Decoding is cheap next to layout: a turn decodes a bounded amount, keeps only what the
    // scrollback would show, and lays out as much of that as its slice allows.
    qsizetype taken = 0;
    while (taken < DecodeBytesPerTurn && slice.elapsed() < DrainSliceMs - MinInsertMs) {
        const auto chunks = m_controller->takeOutput(TakeBytes);
        if (chunks.isEmpty())
            break;
        for (const auto &chunk : chunks) {
            taken += chunk.data.size();
            appendText(chunk.stream, m_decoders[int(chunk.stream)].decode(chunk.data));
        }
    }
    trimBacklog();
    const bool inserted = insertBacklog(qMax<qint64>(MinInsertMs, DrainSliceMs - slice.elapsed()));
    if (m_follow->isChecked())
        m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
    if (!inserted || m_controller->pendingBytes() > 0)
        scheduleDrain();
}

void ConsoleView::appendText(RunController::Stream stream, const QString &text)
{
    const int s = int(stream);
    for (const auto &segment : m_filters[s].feed(text)) {
        QTextCharFormat format = m_baseFormats[s];
        if (segment.style.foreground >= 0)
            format.setForeground(ansiColour(segment.style.foreground));
        if (segment.style.background >= 0)
            format.setBackground(ansiColour(segment.style.background));
        if (segment.style.bold)
            format.setFontWeight(QFont::Bold);
        enqueue(segment.text, format);
    }
    scheduleDrain();
}

void ConsoleView::enqueue(const QString &text, const QTextCharFormat &format)
{
    // Lines past MaxLineChars are broken into blocks; text is copied only when that happens.
    QString broken;
    qsizetype copied = 0;
    int lines = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype newline = text.indexOf(QLatin1Char('\n'), pos);
        const qsizetype lineEnd = newline < 0 ? text.size() : newline;
        const qsizetype room = MaxLineChars - m_lineChars;
        if (lineEnd - pos > room) {
            broken += QStringView(text).sliced(copied, pos + room - copied);
            broken += QLatin1Char('\n');
            copied = pos + room;
            pos = copied;
            m_lineChars = 0;
            ++lines;
        } else if (newline < 0) {
            m_lineChars += int(lineEnd - pos);
            pos = text.size();
        } else {
            m_lineChars = 0;
            pos = newline + 1;
            ++lines;
        }
    }
    if (copied > 0)
        broken += QStringView(text).sliced(copied);
    const QString &piece = copied > 0 ? broken : text;
    if (piece.isEmpty())
        return;
    // Pieces of one format merge up to a size that still inserts within a slice.
    if (!m_backlog.empty() && m_backlog.back().format == format && m_backlog.back().text.size() < InsertChars) {
        m_backlog.back().text += piece;
        m_backlog.back().lines += lines;
    } else {
        m_backlog.push_back({piece, format, lines});
    }
    m_backlogLines += lines;
}

void ConsoleView::trimBacklog()
{
    bool dropped = false;
    while (!m_backlog.empty() && m_backlogLines > m_scrollbackLines) {
        Piece &front = m_backlog.front();
        const int excess = m_backlogLines - m_scrollbackLines;
        if (front.lines < excess || (front.lines == excess && front.text.endsWith(QLatin1Char('\n')))) {
            m_backlogLines -= front.lines;
            m_backlog.pop_front();
        } else {
            qsizetype cut = -1;
            for (int i = 0; i < excess; ++i)
                cut = front.text.indexOf(QLatin1Char('\n'), cut + 1);
            front.text.remove(0, cut + 1);
            front.lines -= excess;
            m_backlogLines -= excess;
        }
        dropped = true;
    }
    // The document's unfinished last line lost its tail: end it before what follows.
    if (dropped && m_openLine)
        m_breakLine = true;
}

bool ConsoleView::insertBacklog(qint64 budgetMs)
{
    QElapsedTimer clock;
    clock.start();
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    // No edit block: each insert is laid out at once, so the clock sees what it costs.
    while (!m_backlog.empty()) {
        if (clock.elapsed() >= budgetMs)
            return false;
        Piece &front = m_backlog.front();
        qsizetype n = front.text.size();
        if (n > InsertChars) {
            const qsizetype newline = front.text.lastIndexOf(QLatin1Char('\n'), InsertChars - 1);
            n = newline >= 0 ? newline + 1 : InsertChars;
        }
        QString part = front.text.left(n);
        const int lines = int(part.count(QLatin1Char('\n')));
        if (m_breakLine) {
            part.prepend(QLatin1Char('\n'));
            m_breakLine = false;
        }
        cursor.insertText(part, front.format);
        evictLines();
        m_openLine = !part.endsWith(QLatin1Char('\n'));
        front.lines -= lines;
        m_backlogLines -= lines;
        if (n == front.text.size())
            m_backlog.pop_front();
        else
            front.text.remove(0, n);
    }
    return true;
}

bool ConsoleView::canStop() const
{
    return m_controller->inFlight() && !m_controller->isStopping();
}

bool ConsoleView::canKill() const
{
    return m_controller->inFlight();
}

void ConsoleView::stopRun()
{
    if (!canStop())
        return;
    m_controller->stop();
    updateState(); // the grace period shows at once, counting down
}

void ConsoleView::killRun()
{
    if (canKill())
        m_controller->kill();
}

void ConsoleView::focusFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void ConsoleView::updateState()
{
    const bool live = m_controller->inFlight();
    m_state->setText(stateText(*m_controller));
    m_stop->setEnabled(canStop());
    m_kill->setEnabled(canKill());
    Q_EMIT stateChanged();
    if (live && !m_clock.isActive())
        m_clock.start();
    // Idle (not started yet) keeps the input: what is typed early is queued for the task.
    const bool ended = m_controller->state() == RunController::State::Exited
                       || m_controller->state() == RunController::State::Failed;
    if (!live)
        m_clock.stop();
    if (ended) {
        m_input->setEnabled(false);
        m_send->setEnabled(false);
        m_endInput->setEnabled(false);
    }
    Q_EMIT titleChanged(title());
}

void ConsoleView::sendLine()
{
    if (!m_input->isEnabled())
        return;
    m_controller->sendInput(m_input->text().toUtf8() + '\n');
    m_input->clear();
}

void ConsoleView::find(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_output->find(needle, flags)) {
        m_follow->setChecked(false); // keep the match in view
        return;
    }
    // Wrap around once.
    QTextCursor cursor = m_output->textCursor();
    cursor.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_output->setTextCursor(cursor);
    if (m_output->find(needle, flags))
        m_follow->setChecked(false);
}

void ConsoleView::saveLog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save log"), m_controller->request().id + QStringLiteral(".log"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text().toUtf8()) < 0 || !file.commit())
        QMessageBox::warning(this, tr("Save log"), tr("Could not save %1: %2").arg(path, file.errorString()));
}

} // namespace strata
