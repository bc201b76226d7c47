#include "run/ansifilter.h"
#include "run/runplanner.h"

#include <QTest>

using namespace strata;

class TestRunAnsiFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainTextPassesAndCarriageReturnsGo()
    {
        AnsiFilter f;
        const auto s = f.feed(QStringLiteral("a\r\nb"));
        QCOMPARE(s.size(), 1);
        QCOMPARE(s.first().text, QStringLiteral("a\nb"));
        QCOMPARE(s.first().style, AnsiFilter::Style{});
    }

    void sgrColoursBecomeStyles()
    {
        AnsiFilter f;
        const auto s = f.feed(QStringLiteral("x\x1b[1;31mred\x1b[0m y \x1b[92mg"));
        QCOMPARE(s.size(), 4);
        QCOMPARE(s[0].text, QStringLiteral("x"));
        QCOMPARE(s[1].text, QStringLiteral("red"));
        QCOMPARE(s[1].style.foreground, 1);
        QVERIFY(s[1].style.bold);
        QCOMPARE(s[2].text, QStringLiteral(" y "));
        QCOMPARE(s[2].style, AnsiFilter::Style{});
        QCOMPARE(s[3].style.foreground, 10);
    }

    void sequenceSplitAcrossChunks()
    {
        AnsiFilter f;
        auto a = f.feed(QStringLiteral("ab\x1b[3"));
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0].text, QStringLiteral("ab"));
        auto b = f.feed(QStringLiteral("4mcd"));
        QCOMPARE(b.size(), 1);
        QCOMPARE(b[0].text, QStringLiteral("cd"));
        QCOMPARE(b[0].style.foreground, 4);
    }

    void otherSequencesAreStripped()
    {
        AnsiFilter f;
        const auto s = f.feed(QStringLiteral("\x1b]0;title\x07" "a\x1b[2J\x1b[10;1Hb\x1b" "7c\x1b[38;5;200md"));
        QString all;
        for (const auto &seg : s)
            all += seg.text;
        QCOMPARE(all, QStringLiteral("abcd"));
        QCOMPARE(f.style().foreground, -1);
    }

    void ttySpecHasTerminal()
    {
        RunRequest r;
        r.id = QStringLiteral("c");
        r.source = RunRequest::Source::Stack;
        r.args = {QStringLiteral("sh")};
        r.terminal = true;
        auto spec = RunPlanner::linuxSpec(r, QStringLiteral("ns"), {});
        QVERIFY(spec.ok());
        QCOMPARE(spec->json()["process"]["terminal"].get<bool>(), true);
        r.terminal = false;
        r.args.clear();
        QVERIFY(!RunPlanner::linuxSpec(r, QStringLiteral("ns"), {}).ok()); // nothing to run
    }
};

QTEST_GUILESS_MAIN(TestRunAnsiFilter)
#include "tst_runansifilter.moc"
