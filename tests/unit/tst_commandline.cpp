// CommandLine::split against what a POSIX shell makes of the same line: the expected words
// are what dash's printf '[%s]' prints for each line, written out. (No raw string literals:
// with these quotes and backslashes, moc in Qt 6.4 misread the file and emitted nothing.)

#include "run/commandline.h"

#include <QTest>

using namespace strata;

class TstCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << "cat /strata/shadowed.txt" << QStringList{"cat", "/strata/shadowed.txt"};
        QTest::newRow("runs of spaces and tabs") << "  ls \t -l  " << QStringList{"ls", "-l"};
        QTest::newRow("single quotes keep ; and spaces")
            << "sh -c 'echo a; sleep 1; echo b'" << QStringList{"sh", "-c", "echo a; sleep 1; echo b"};
        QTest::newRow("backslash is literal in single quotes") << "echo 'a\\nb'" << QStringList{"echo", "a\\nb"};
        QTest::newRow("double quotes") << "echo \"a  b\" c" << QStringList{"echo", "a  b", "c"};
        QTest::newRow("escapes in double quotes") << "echo \"q\\\"d \\$x \\n\"" << QStringList{"echo", "q\"d $x \\n"};
        QTest::newRow("escaped space outside quotes") << "touch a\\ b" << QStringList{"touch", "a b"};
        QTest::newRow("empty quoted word") << "printf '' x" << QStringList{"printf", "", "x"};
        QTest::newRow("quotes join a word") << "a'b'\"c\"d" << QStringList{"abcd"};
        QTest::newRow("empty line") << "   " << QStringList{};
    }

    void split()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        auto got = CommandLine::split(line);
        QVERIFY2(got.ok(), got.ok() ? "" : qPrintable(got.error().message));
        QCOMPARE(*got, words);
    }

    void refusesWhatAShellWould_data()
    {
        QTest::addColumn<QString>("line");
        QTest::newRow("open single quote") << "sh -c 'echo a";
        QTest::newRow("open double quote") << "echo \"a";
        QTest::newRow("trailing backslash") << "echo a\\";
    }

    void refusesWhatAShellWould()
    {
        QFETCH(QString, line);
        auto got = CommandLine::split(line);
        QVERIFY(!got.ok());
        QCOMPARE(got.error().code, int(Error::InvalidArgument));
    }
};

QTEST_GUILESS_MAIN(TstCommandLine)
#include "tst_commandline.moc"
