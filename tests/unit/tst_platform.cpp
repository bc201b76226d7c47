#include "oci/platformmatcher.h"

#include <QSysInfo>
#include <QTest>

using namespace strata;

namespace {

Platform platform(const QString &os, const QString &arch, const QString &variant = {}, const QString &osVersion = {})
{
    return Platform{os, arch, variant, osVersion, {}};
}

} // namespace

class TstPlatform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisation_data()
    {
        QTest::addColumn<QString>("os");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("expected");
        QTest::newRow("x86_64") << "Linux" << "x86_64" << "" << "linux/amd64";
        QTest::newRow("x86-64") << "linux" << "x86-64" << "" << "linux/amd64";
        QTest::newRow("amd64 v1") << "linux" << "amd64" << "v1" << "linux/amd64";
        QTest::newRow("amd64 v3") << "linux" << "amd64" << "v3" << "linux/amd64/v3";
        QTest::newRow("aarch64") << "linux" << "aarch64" << "" << "linux/arm64/v8";
        QTest::newRow("arm64 8") << "linux" << "arm64" << "8" << "linux/arm64/v8";
        QTest::newRow("arm bare") << "linux" << "arm" << "" << "linux/arm/v7";
        QTest::newRow("arm 6") << "linux" << "arm" << "6" << "linux/arm/v6";
        QTest::newRow("armhf") << "linux" << "armhf" << "" << "linux/arm/v7";
        QTest::newRow("armel") << "linux" << "armel" << "" << "linux/arm/v6";
        QTest::newRow("i386") << "linux" << "i386" << "" << "linux/386";
        QTest::newRow("macos") << "macOS" << "arm64" << "" << "darwin/arm64/v8";
        QTest::newRow("winnt") << "winnt" << "AMD64" << "" << "windows/amd64";
        QTest::newRow("unknown arch kept") << "linux" << "riscv64" << "" << "linux/riscv64";
    }
    void normalisation()
    {
        QFETCH(QString, os);
        QFETCH(QString, arch);
        QFETCH(QString, variant);
        QFETCH(QString, expected);
        const Platform p = platform(os, arch, variant).normalized();
        QCOMPARE(p.toString(), expected);
        QCOMPARE(p.normalized(), p);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("expected"); // empty: an error
        QTest::newRow("os/arch") << "linux/arm64" << "linux/arm64/v8";
        QTest::newRow("os/arch/variant") << "linux/arm/v6" << "linux/arm/v6";
        QTest::newRow("windows") << "windows/amd64" << "windows/amd64";
        QTest::newRow("too many") << "linux/arm/v7/x" << "";
        QTest::newRow("empty part") << "linux//v7" << "";
        QTest::newRow("wildcard") << "linux/*" << "";
        QTest::newRow("empty") << "" << "";
        QTest::newRow("nonsense word") << "toaster" << "";
    }
    void parse()
    {
        QFETCH(QString, spec);
        QFETCH(QString, expected);
        const auto p = Platform::parse(spec);
        QCOMPARE(p.ok(), !expected.isEmpty());
        if (p)
            QCOMPARE(p->toString(), expected);
        else
            QCOMPARE(p.error().code, int(Error::InvalidArgument));
    }

    void parseFillsFromHost()
    {
        const Platform host = Platform::host();
        QCOMPARE(Platform::parse(QStringLiteral("linux"))->architecture, host.architecture);
        QCOMPARE(Platform::parse(QStringLiteral("aarch64"))->os, host.os);
        QCOMPARE(Platform::parse(QStringLiteral("aarch64"))->architecture, QStringLiteral("arm64"));
    }

    void hostIsNormalised()
    {
        const Platform host = Platform::host();
        QCOMPARE(host.normalized(), host);
        QVERIFY(!host.os.isEmpty());
        QVERIFY(!host.architecture.isEmpty());
        if (QSysInfo::currentCpuArchitecture() == QLatin1String("x86_64"))
            QCOMPARE(host.architecture, QStringLiteral("amd64"));
#ifdef Q_OS_LINUX
        QCOMPARE(host.os, QStringLiteral("linux"));
        QVERIFY(host.osVersion.isEmpty());
#endif
        QVERIFY(PlatformMatcher::host().matches(host));
    }

    void fallbackOrder()
    {
        const PlatformMatcher arm64(platform(QStringLiteral("linux"), QStringLiteral("arm64")));
        QCOMPARE(arm64.rank(platform(QStringLiteral("linux"), QStringLiteral("aarch64"))), 0);
        QCOMPARE(arm64.rank(platform(QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v8"))), 1);
        QCOMPARE(arm64.rank(platform(QStringLiteral("linux"), QStringLiteral("arm"))), 2);
        QCOMPARE(arm64.rank(platform(QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v5"))), 4);
        QCOMPARE(arm64.rank(platform(QStringLiteral("linux"), QStringLiteral("amd64"))), -1);
        QCOMPARE(arm64.rank(platform(QStringLiteral("windows"), QStringLiteral("arm64"))), -1);

        const PlatformMatcher armv6(platform(QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("v6")));
        QVERIFY(!armv6.matches(platform(QStringLiteral("linux"), QStringLiteral("arm"))));
        QVERIFY(armv6.matches(platform(QStringLiteral("linux"), QStringLiteral("arm"), QStringLiteral("5"))));

        const PlatformMatcher amd64v3(platform(QStringLiteral("linux"), QStringLiteral("amd64"), QStringLiteral("v3")));
        QCOMPARE(amd64v3.rank(platform(QStringLiteral("linux"), QStringLiteral("amd64"), QStringLiteral("v2"))), 1);
        QCOMPARE(amd64v3.rank(platform(QStringLiteral("linux"), QStringLiteral("amd64"))), 2);
        QCOMPARE(amd64v3.rank(platform(QStringLiteral("linux"), QStringLiteral("386"))), 3);
        QVERIFY(amd64v3.less(platform(QStringLiteral("linux"), QStringLiteral("amd64")),
                             platform(QStringLiteral("linux"), QStringLiteral("386"))));
        QVERIFY(!amd64v3.less(platform(QStringLiteral("linux"), QStringLiteral("386")),
                              platform(QStringLiteral("linux"), QStringLiteral("amd64"))));
    }

    void windowsOsVersion()
    {
        const PlatformMatcher m(platform(QStringLiteral("windows"), QStringLiteral("amd64"), {}, QStringLiteral("10.0.20348.1")));
        const auto win = [](const char *v) { return platform(QStringLiteral("windows"), QStringLiteral("amd64"), {}, QString::fromLatin1(v)); };
        QVERIFY(m.matches(win("10.0.20348.2582")));
        QVERIFY(m.matches(win("10.0.20348")));
        QVERIFY(m.matches(win("")));
        QVERIFY(!m.matches(win("10.0.17763.6189")));
        QVERIFY(!m.matches(win("10.0.203481.1")));
        QVERIFY(!m.matches(platform(QStringLiteral("linux"), QStringLiteral("amd64"))));
        QVERIFY(m.less(win("10.0.20348.2655"), win("10.0.20348.2582")));
        QVERIFY(!m.less(win("10.0.20348.2582"), win("10.0.20348.2655")));
        const PlatformMatcher anyVersion(platform(QStringLiteral("windows"), QStringLiteral("amd64")));
        QVERIFY(anyVersion.matches(win("10.0.17763.6189")));
    }
};

QTEST_GUILESS_MAIN(TstPlatform)
#include "tst_platform.moc"
