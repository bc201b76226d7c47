#include "pulldisplay.h"

#include "core/datasize.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace strata::ctl {

namespace {

constexpr qint64 kRedrawMs = 100;

// While resolving, the event carries the reference rather than a digest.
QString shortDigest(const QString &digest)
{
    return digest.startsWith(QLatin1String("sha256:")) ? digest.mid(7, 12) : digest;
}

} // namespace

PullDisplay::PullDisplay(QTextStream &out, Mode mode)
    : m_out(out)
    , m_mode(mode)
{
    m_sinceDraw.start();
    m_sinceStart.start();
}

QString PullDisplay::describe(const PullEvent &e) const
{
    const QString what = e.layer >= 0 ? QStringLiteral("layer %1").arg(e.layer + 1) : e.kind;
    QString line = QStringLiteral("%1 %2: %3").arg(what, -9).arg(shortDigest(e.digest), PullEvent::stageName(e.stage));
    if (e.stage == PullEvent::Stage::Downloading && e.total > 0)
        line += QStringLiteral(" %1 of %2 (%3%)")
                    .arg(DataSize::text(e.offset), DataSize::text(e.total))
                    .arg(e.offset * 100 / e.total);
    return line;
}

void PullDisplay::show(const PullEvent &event)
{
    if (m_mode == Mode::Json) {
        QJsonObject o{{QStringLiteral("stage"), PullEvent::stageName(event.stage)},
                      {QStringLiteral("kind"), event.kind},
                      {QStringLiteral("digest"), event.digest},
                      {QStringLiteral("offset"), event.offset},
                      {QStringLiteral("total"), event.total}};
        if (event.layer >= 0)
            o.insert(QStringLiteral("layer"), event.layer);
        if (!event.chainId.isEmpty())
            o.insert(QStringLiteral("chainId"), event.chainId);
        m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        m_out.flush();
        return;
    }
    const QString key = event.kind + event.digest;
    auto row = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row &r) { return r.key == key; });
    const bool changed = row == m_rows.end() || row->event.stage != event.stage;
    if (row == m_rows.end())
        m_rows.append({key, event});
    else
        row->event = event;
    if (m_mode == Mode::Lines) {
        if (changed && event.stage != PullEvent::Stage::Waiting) {
            m_out << describe(event) << '\n';
            m_out.flush();
        }
        return;
    }
    if (changed || m_sinceDraw.elapsed() >= kRedrawMs)
        redraw();
}

void PullDisplay::redraw()
{
    if (m_drawn > 0)
        m_out << QStringLiteral("\x1b[%1A").arg(m_drawn);
    qint64 done = 0;
    qint64 total = 0;
    for (const Row &r : std::as_const(m_rows)) {
        m_out << "\x1b[2K" << describe(r.event) << '\n';
        if (r.event.kind == QLatin1String("layer")) {
            total += r.event.total;
            done += r.event.stage == PullEvent::Stage::Downloading ? r.event.offset
                  : r.event.stage == PullEvent::Stage::Waiting      ? 0
                                                                    : r.event.total;
        }
    }
    const double seconds = std::max<double>(0.001, m_sinceStart.elapsed() / 1000.0);
    m_out << "\x1b[2K" << QStringLiteral("elapsed %1 s, %2 of %3, %4/s")
                              .arg(seconds, 0, 'f', 1)
                              .arg(DataSize::text(done), DataSize::text(total), DataSize::text(qint64(done / seconds)))
          << '\n';
    m_drawn = int(m_rows.size()) + 1;
    m_out.flush();
    m_sinceDraw.restart();
}

void PullDisplay::finish()
{
    if (m_mode == Mode::Terminal)
        redraw();
}

} // namespace strata::ctl
