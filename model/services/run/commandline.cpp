#include "run/commandline.h"

namespace strata {

Result<QStringList> CommandLine::split(const QString &line)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote; // the open quote, or null
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quote == u'\'') {
            if (c == u'\'')
                quote = QChar();
            else
                word += c;
        } else if (c == u'\\') {
            if (++i == line.size())
                return Error{Error::InvalidArgument, QStringLiteral("the command ends in a backslash")};
            // Inside double quotes a backslash escapes only what would be special there.
            const QChar next = line.at(i);
            if (quote == u'"' && next != u'"' && next != u'\\' && next != u'$' && next != u'`')
                word += c;
            word += next;
            inWord = true;
        } else if (quote == u'"') {
            if (c == u'"')
                quote = QChar();
            else
                word += c;
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return Error{Error::InvalidArgument, QStringLiteral("the command has an unterminated %1 quote").arg(quote)};
    if (inWord)
        words << word;
    return words;
}

} // namespace strata
