#include "events/eventfilter.h"

namespace strata {

namespace {

// What Go's regexp.QuoteMeta escapes: RE2 rejects a backslash before most other characters.
QString quoteMeta(const QString &text)
{
    static const QString special = QStringLiteral("\\.+*?()|[]{}^$");
    QString out;
    for (const QChar c : text) {
        if (special.contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

} // namespace

QString EventFilter::quoted(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

QStringList EventFilter::toFilters() const
{
    const QString inNs = ns.isEmpty() ? QString() : QStringLiteral("namespace==%1").arg(quoted(ns));
    if (topicPrefixes.isEmpty())
        return inNs.isEmpty() ? QStringList{} : QStringList{inNs};
    QStringList filters;
    for (const QString &prefix : topicPrefixes) {
        // A prefix, not a pattern: its characters match themselves.
        QString filter = QStringLiteral("topic~=%1").arg(quoted(QLatin1Char('^') + quoteMeta(prefix)));
        if (!inNs.isEmpty())
            filter += QLatin1Char(',') + inNs;
        filters << filter;
    }
    return filters;
}

} // namespace strata
