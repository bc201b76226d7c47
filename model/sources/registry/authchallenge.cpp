#include "registry/authchallenge.h"

namespace strata {

AuthChallenge AuthChallenge::parse(const QByteArray &header)
{
    AuthChallenge c;
    const QString text = QString::fromLatin1(header).trimmed();
    qsizetype i = text.indexOf(QLatin1Char(' '));
    c.scheme = text.left(i < 0 ? text.size() : i).toLower();
    if (i < 0)
        return c;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && (text[i] == QLatin1Char(' ') || text[i] == QLatin1Char(',')))
            ++i;
        const qsizetype eq = text.indexOf(QLatin1Char('='), i);
        if (eq < 0)
            break;
        const QString key = text.mid(i, eq - i).trimmed().toLower();
        if (key.contains(QLatin1Char(' ')))
            break; // the next challenge's scheme: only the first one is read
        i = eq + 1;
        QString value;
        if (i < n && text[i] == QLatin1Char('"')) {
            for (++i; i < n && text[i] != QLatin1Char('"'); ++i) {
                if (text[i] == QLatin1Char('\\') && i + 1 < n)
                    ++i;
                value += text[i];
            }
            ++i;
        } else {
            const qsizetype end = text.indexOf(QLatin1Char(','), i);
            value = text.mid(i, end < 0 ? n - i : end - i).trimmed();
            i = end < 0 ? n : end;
        }
        c.params.insert(key, value);
    }
    return c;
}

} // namespace strata
