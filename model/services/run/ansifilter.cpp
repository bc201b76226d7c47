#include "run/ansifilter.h"

namespace strata {

QList<AnsiFilter::Segment> AnsiFilter::feed(const QString &text)
{
    QList<Segment> segments;
    QString current;
    auto flush = [&] {
        if (current.isEmpty())
            return;
        if (!segments.isEmpty() && segments.last().style == m_style)
            segments.last().text += current;
        else
            segments.append({current, m_style});
        current.clear();
    };
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        switch (m_mode) {
        case Mode::Text: {
            // Plain text is copied a run at a time: a flood is mostly plain text.
            qsizetype end = i;
            while (end < size && text.at(end).unicode() != 0x1b && text.at(end).unicode() != u'\r')
                ++end;
            current += QStringView(text).sliced(i, end - i);
            i = end;
            if (i < size && text.at(i).unicode() == 0x1b)
                m_mode = Mode::Escape;
            break;
        }
        case Mode::Escape:
            if (u == u'[') {
                m_mode = Mode::Csi;
                m_params.clear();
            } else if (u == u']') {
                m_mode = Mode::Osc;
            } else {
                m_mode = Mode::Text; // a two-character escape: dropped
            }
            break;
        case Mode::Csi:
            if (u >= 0x40 && u <= 0x7e) {
                if (u == u'm') {
                    flush();
                    applySgr(m_params);
                }
                m_mode = Mode::Text;
            } else {
                m_params += c;
            }
            break;
        case Mode::Osc:
            if (u == 0x07)
                m_mode = Mode::Text;
            else if (u == 0x1b)
                m_mode = Mode::OscEscape;
            break;
        case Mode::OscEscape:
            m_mode = u == u'\\' ? Mode::Text : Mode::Osc;
            break;
        }
    }
    flush();
    return segments;
}

void AnsiFilter::reset()
{
    m_mode = Mode::Text;
    m_params.clear();
    m_style = {};
}

void AnsiFilter::applySgr(const QString &params)
{
    const QStringList codes = params.split(QLatin1Char(';'));
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int code = codes.at(i).isEmpty() ? 0 : codes.at(i).toInt();
        if (code == 0) {
            m_style = {};
        } else if (code == 1) {
            m_style.bold = true;
        } else if (code == 22) {
            m_style.bold = false;
        } else if (code >= 30 && code <= 37) {
            m_style.foreground = code - 30;
        } else if (code == 39) {
            m_style.foreground = -1;
        } else if (code >= 40 && code <= 47) {
            m_style.background = code - 40;
        } else if (code == 49) {
            m_style.background = -1;
        } else if (code >= 90 && code <= 97) {
            m_style.foreground = code - 90 + 8;
        } else if (code >= 100 && code <= 107) {
            m_style.background = code - 100 + 8;
        } else if (code == 38 || code == 48) {
            // 256-colour and true-colour forms: skip their arguments, keep the default.
            const bool indexed = i + 1 < codes.size() && codes.at(i + 1) == QLatin1String("5");
            i += indexed ? 2 : 4;
        }
    }
}

} // namespace strata
