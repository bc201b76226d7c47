// EventFilter writes containerd filter strings: values quoted with only '\' and '"' escaped
// (containerd's quoted strings reject other escapes), topic prefixes anchored and with their
// regex metacharacters escaped, one filter per prefix with the namespace inside each.

#include "events/eventfilter.h"

#include <QTest>

using namespace strata;

class TestEventFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting()
    {
        QCOMPARE(EventFilter::quoted(QStringLiteral("default")), QStringLiteral("\"default\""));
        QCOMPARE(EventFilter::quoted(QStringLiteral("team.a-1")), QStringLiteral("\"team.a-1\""));
        QCOMPARE(EventFilter::quoted(QStringLiteral("a\"b\\c")), QStringLiteral("\"a\\\"b\\\\c\""));
        QCOMPARE(EventFilter::quoted(QStringLiteral("x,y z")), QStringLiteral("\"x,y z\""));
    }

    void filters()
    {
        QCOMPARE(EventFilter{}.toFilters(), QStringList{});
        QCOMPARE((EventFilter{QStringLiteral("k8s.io"), {}}.toFilters()), QStringList{QStringLiteral("namespace==\"k8s.io\"")});
        QCOMPARE((EventFilter{QStringLiteral("team.a-1"), {QStringLiteral("/snapshot/"), QStringLiteral("/images/")}}.toFilters()),
                 (QStringList{QStringLiteral("topic~=\"^/snapshot/\",namespace==\"team.a-1\""),
                              QStringLiteral("topic~=\"^/images/\",namespace==\"team.a-1\"")}));
        // A prefix is literal: '.' and '(' are escaped for the regex, the backslash for the quotes.
        QCOMPARE((EventFilter{{}, {QStringLiteral("/a.b(")}}.toFilters()),
                 QStringList{QStringLiteral("topic~=\"^/a\\\\.b\\\\(\"")});
    }
};

QTEST_GUILESS_MAIN(TestEventFilter)
#include "tst_eventfilter.moc"
