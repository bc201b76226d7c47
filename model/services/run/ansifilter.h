#pragma once

#include <QList>
#include <QString>

namespace strata {

// Splits terminal text into plainly styled segments: SGR colour and bold are kept as
// attributes, every other escape sequence (cursor moves, titles) and carriage returns are
// dropped. Stateful, so a sequence cut in half by a read boundary still parses.
class AnsiFilter
{
public:
    struct Style
    {
        int foreground = -1; // -1 = default; 0..7 normal, 8..15 bright
        int background = -1;
        bool bold = false;
        bool operator==(const Style &) const = default;
    };

    struct Segment
    {
        QString text;
        Style style;
        bool operator==(const Segment &) const = default;
    };

    QList<Segment> feed(const QString &text);
    void reset();
    const Style &style() const { return m_style; }

private:
    enum class Mode { Text, Escape, Csi, Osc, OscEscape };

    void applySgr(const QString &params);

    Mode m_mode = Mode::Text;
    QString m_params;
    Style m_style;
};

} // namespace strata
