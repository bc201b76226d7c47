#pragma once

#include "pull/pullevent.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTextStream>

namespace strata::ctl {

// How `stratactl pull` shows progress: on a terminal, one line per blob redrawn in place (as
// ctr does); otherwise one plain line each time a blob changes stage; with --json, one JSON
// object per event.
class PullDisplay
{
public:
    enum class Mode { Terminal, Lines, Json };

    PullDisplay(QTextStream &out, Mode mode);

    void show(const PullEvent &event);
    // The last redraw, so the final state stays on screen.
    void finish();

private:
    struct Row
    {
        QString key;
        PullEvent event;
    };
    QString describe(const PullEvent &e) const;
    void redraw();

    QTextStream &m_out;
    Mode m_mode;
    QList<Row> m_rows;
    int m_drawn = 0;
    QElapsedTimer m_sinceDraw;
    QElapsedTimer m_sinceStart;
};

} // namespace strata::ctl
