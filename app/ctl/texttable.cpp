#include "texttable.h"

namespace strata::ctl {

void TextTable::print(QTextStream &out) const
{
    QList<qsizetype> widths;
    for (const auto &row : m_rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const auto &row : m_rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 3) : row[i];
        out << line << '\n';
    }
    out.flush();
}

} // namespace strata::ctl
