#include "client/address.h"

#include <QTest>

using namespace strata;

Q_DECLARE_METATYPE(Address::Kind)

class TstAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Address::Kind>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("display");
        using K = Address::Kind;
        QTest::newRow("unix url") << "unix:///run/containerd/containerd.sock" << K::Unix << "/run/containerd/containerd.sock" << "unix:///run/containerd/containerd.sock";
        QTest::newRow("unix opaque") << "unix:/tmp/c.sock" << K::Unix << "/tmp/c.sock" << "unix:///tmp/c.sock";
        QTest::newRow("unix relative") << "unix:run/c.sock" << K::Unix << "run/c.sock" << "unix://run/c.sock";
        QTest::newRow("bare path") << "/run/containerd/containerd.sock" << K::Unix << "/run/containerd/containerd.sock" << "unix:///run/containerd/containerd.sock";
        QTest::newRow("dot path") << "./c.sock" << K::Unix << "./c.sock" << "unix://./c.sock";
        QTest::newRow("spaces trimmed") << "  /tmp/c.sock\n" << K::Unix << "/tmp/c.sock" << "unix:///tmp/c.sock";
        QTest::newRow("npipe url") << "npipe:////./pipe/containerd-containerd" << K::NamedPipe << "\\\\.\\pipe\\containerd-containerd" << "npipe:////./pipe/containerd-containerd";
        QTest::newRow("npipe two slashes") << "npipe://./pipe/containerd-containerd" << K::NamedPipe << "\\\\.\\pipe\\containerd-containerd" << "npipe:////./pipe/containerd-containerd";
        QTest::newRow("win32 pipe") << "\\\\.\\pipe\\containerd-containerd" << K::NamedPipe << "\\\\.\\pipe\\containerd-containerd" << "npipe:////./pipe/containerd-containerd";
        QTest::newRow("forward-slash pipe") << "//./pipe/ctd" << K::NamedPipe << "\\\\.\\pipe\\ctd" << "npipe:////./pipe/ctd";
        QTest::newRow("PIPE case") << "\\\\.\\PIPE\\ctd" << K::NamedPipe << "\\\\.\\pipe\\ctd" << "npipe:////./pipe/ctd";
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(Address::Kind, kind);
        QFETCH(QString, path);
        QFETCH(QString, display);
        const auto a = Address::parse(text);
        QVERIFY2(a.ok(), qPrintable(a.ok() ? QString() : a.error().message));
        QCOMPARE(a->kind(), kind);
        QCOMPARE(a->path(), path);
        QCOMPARE(a->display(), display);
        // The display form is itself an address that means the same thing.
        QCOMPARE(*Address::parse(a->display()), *a);
    }

    void unixTarget()
    {
        const auto a = Address::parse(QStringLiteral("unix:///run/containerd/containerd.sock"));
        QCOMPARE(*a->grpcTarget(), QStringLiteral("unix:/run/containerd/containerd.sock"));
    }

    void pipeTargetIsRefused()
    {
        const auto a = Address::parse(QStringLiteral("npipe:////./pipe/containerd-containerd"));
        QVERIFY(a.ok());
        const auto target = a->grpcTarget();
        QVERIFY(!target.ok());
        QCOMPARE(target.error().code, int(Error::InvalidArgument));
#ifndef Q_OS_WIN
        QVERIFY(target.error().message.contains(QStringLiteral("named pipes are Windows-only")));
#endif
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("code");
        QTest::newRow("empty") << "" << int(Error::InvalidArgument);
        QTest::newRow("blank") << "   " << int(Error::InvalidArgument);
        QTest::newRow("word") << "containerd" << int(Error::InvalidArgument);
        QTest::newRow("unix no path") << "unix://" << int(Error::InvalidArgument);
        QTest::newRow("npipe no name") << "npipe:////./pipe/" << int(Error::InvalidArgument);
        QTest::newRow("npipe not a pipe") << "npipe:////./notpipe/x" << int(Error::InvalidArgument);
        QTest::newRow("tcp") << "tcp://127.0.0.1:1234" << int(Error::InvalidArgument);
        QTest::newRow("tcp no slashes") << "tcp:127.0.0.1:1234" << int(Error::InvalidArgument);
        QTest::newRow("http") << "http://localhost" << int(Error::InvalidArgument);
        QTest::newRow("misspelt unix") << "unx:///run/containerd/containerd.sock" << int(Error::InvalidArgument);
        QTest::newRow("too long") << QStringLiteral("/") + QString(120, QLatin1Char('a')) << int(Error::InvalidArgument);
    }
    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(int, code);
        const auto a = Address::parse(text);
        QVERIFY(!a.ok());
        QCOMPARE(a.error().code, code);
        QVERIFY(a.error().message.endsWith(QLatin1Char('.')));
        // Every refusal says what a good address looks like.
        if (!text.trimmed().isEmpty())
            QVERIFY2(a.error().message.contains(QLatin1String("unix:///")) || a.error().message.contains(QLatin1String("npipe:")) ||
                         a.error().message.contains(QLatin1String("bytes")),
                     qPrintable(a.error().message));
    }

    void namesAnUnknownScheme()
    {
        const auto a = Address::parse(QStringLiteral("unx:///run/containerd/containerd.sock"));
        QVERIFY(!a.ok());
        QVERIFY2(a.error().message.contains(QLatin1String("unknown scheme \"unx\"")), qPrintable(a.error().message));
    }

    void defaults()
    {
        const QByteArray saved = qgetenv("CONTAINERD_ADDRESS");
        const bool had = qEnvironmentVariableIsSet("CONTAINERD_ADDRESS");
        qunsetenv("CONTAINERD_ADDRESS");
#ifdef Q_OS_WIN
        QCOMPARE(Address::defaultAddress(), QStringLiteral("\\\\.\\pipe\\containerd-containerd"));
#else
        QCOMPARE(Address::defaultAddress(), QStringLiteral("/run/containerd/containerd.sock"));
#endif
        QCOMPARE(Address::defaultAddress(), Address::platformDefault());
        QVERIFY(Address::parse(Address::platformDefault()).ok());
        qputenv("CONTAINERD_ADDRESS", "unix:///tmp/elsewhere.sock");
        QCOMPARE(Address::defaultAddress(), QStringLiteral("unix:///tmp/elsewhere.sock"));
        qputenv("CONTAINERD_ADDRESS", "");
        QCOMPARE(Address::defaultAddress(), Address::platformDefault());
        if (had)
            qputenv("CONTAINERD_ADDRESS", saved);
        else
            qunsetenv("CONTAINERD_ADDRESS");
    }
};

QTEST_GUILESS_MAIN(TstAddress)
#include "tst_address.moc"
