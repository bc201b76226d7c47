#include "testenv.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

using namespace strata;

// The strata binary as a script or an ssh session meets it: no display at all.
class TestGuiCommandLine : public QObject
{
    Q_OBJECT

    struct Outcome
    {
        int exitCode = -1;
        QProcess::ExitStatus status = QProcess::CrashExit;
        QByteArray out;
        QByteArray err;
    };

    static Outcome runWithoutDisplay(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(test::env("STRATA_GUI"), args);
        if (!p.waitForStarted(10000) || !p.waitForFinished(30000))
            return {};
        return {p.exitCode(), p.exitStatus(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!test::env("STRATA_GUI").isEmpty(), "STRATA_GUI is not set: run through ctest");
    }

    void helpNeedsNoDisplay_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::newRow("long") << QStringLiteral("--help");
        QTest::newRow("short") << QStringLiteral("-h");
    }
    void helpNeedsNoDisplay()
    {
        QFETCH(QString, flag);
        const auto r = runWithoutDisplay({flag});
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("--address") && r.out.contains("--namespace") && r.out.contains("--open"), r.out);
    }

    void versionNeedsNoDisplay()
    {
        const auto r = runWithoutDisplay({QStringLiteral("--version")});
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("Strata " STRATA_VERSION));
    }
};

QTEST_GUILESS_MAIN(TestGuiCommandLine)
#include "tst_guicommandline.moc"
