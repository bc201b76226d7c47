#pragma once

#include <QString>
#include <QStringList>

namespace strata {

// Which events a watch wants, written out in containerd's filter syntax. Each topic prefix
// becomes one filter (containerd ORs the filters of a subscription) with the namespace ANDed
// inside it. Values are always quoted, so a namespace such as "team.a-1" or a prefix with
// regular-expression characters reaches containerd as the literal it is.
struct EventFilter
{
    QString ns;                // empty: every namespace
    QStringList topicPrefixes; // e.g. "/snapshot/"; empty: every topic

    QStringList toFilters() const;

    // `value` as a double-quoted string of containerd's filter syntax: inside quotes only a
    // backslash and the quote itself are escaped (any other escape is a syntax error there).
    static QString quoted(const QString &value);
};

} // namespace strata
