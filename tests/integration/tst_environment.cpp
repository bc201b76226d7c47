// Checks the contract of the containerd test fixture (scripts/test-containerd.sh) that the other
// integration suites build on: where the socket and store are, which images exist, and how their
// layers land on disk in the overlayfs snapshotter.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace strata {

class TestEnvironment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void socketAndRoot();
    void imagesImported();
    void threeLayersOnDisk();
    void layer3HoldsWhiteout();

private:
    QString socketPath() const;
    QStringList layerFolders() const;
    QStringList foldersWith(const QString &relative, const QByteArray &content) const;

    QString m_address;
    QString m_root;
};

void TestEnvironment::initTestCase()
{
    m_address = qEnvironmentVariable("STRATA_TEST_ADDRESS");
    m_root = qEnvironmentVariable("STRATA_TEST_ROOT");
    QVERIFY2(!m_address.isEmpty(), "STRATA_TEST_ADDRESS is not set: run through ctest");
    QVERIFY2(!m_root.isEmpty(), "STRATA_TEST_ROOT is not set: run through ctest");
}

QString TestEnvironment::socketPath() const
{
    QString path = m_address;
    path.remove(0, QStringLiteral("unix://").size());
    return path;
}

// Folders holding the content of each overlayfs snapshot: <root>/...overlayfs/snapshots/<id>/fs
QStringList TestEnvironment::layerFolders() const
{
    const QDir snapshots(m_root + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs/snapshots"));
    QStringList result;
    for (const QString &id : snapshots.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        result << snapshots.filePath(id + QStringLiteral("/fs"));
    return result;
}

QStringList TestEnvironment::foldersWith(const QString &relative, const QByteArray &content) const
{
    QStringList result;
    for (const QString &folder : layerFolders()) {
        QFile file(folder + QLatin1Char('/') + relative);
        if (file.open(QIODevice::ReadOnly) && file.readAll() == content)
            result << folder;
    }
    return result;
}

void TestEnvironment::socketAndRoot()
{
    QVERIFY2(m_address.startsWith(QStringLiteral("unix:///")), qPrintable(m_address));
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(socketPath()).constData(), &st), 0);
    QVERIFY(S_ISSOCK(st.st_mode));
    QVERIFY(QDir(m_root + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs/snapshots")).exists());
}

void TestEnvironment::imagesImported()
{
    QProcess ctr;
    ctr.start(QStringLiteral("ctr"), {QStringLiteral("--address"), socketPath(), QStringLiteral("-n"),
                                      QStringLiteral("strata-test"), QStringLiteral("images"),
                                      QStringLiteral("ls"), QStringLiteral("-q")});
    QVERIFY(ctr.waitForFinished(30000));
    QCOMPARE(ctr.exitCode(), 0);
    const QStringList names = QString::fromUtf8(ctr.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(names.contains(QStringLiteral("strata.test/one:latest")), qPrintable(names.join(u' ')));
    QVERIFY2(names.contains(QStringLiteral("strata.test/three:latest")), qPrintable(names.join(u' ')));
}

void TestEnvironment::threeLayersOnDisk()
{
    QCOMPARE(foldersWith(QStringLiteral("strata/doomed.txt"), "from layer 1\n").size(), 1);
    QCOMPARE(foldersWith(QStringLiteral("strata/shadowed.txt"), "layer 2\n").size(), 1);
    QCOMPARE(foldersWith(QStringLiteral("strata/shadowed.txt"), "layer 3\n").size(), 1);
    // The base of strata.test/one and layer 1 of strata.test/three are separate layers.
    int withBusybox = 0;
    for (const QString &folder : layerFolders())
        withBusybox += QFile::exists(folder + QStringLiteral("/bin/busybox")) ? 1 : 0;
    QVERIFY2(withBusybox >= 2, qPrintable(QString::number(withBusybox)));
}

void TestEnvironment::layer3HoldsWhiteout()
{
    const QStringList top = foldersWith(QStringLiteral("strata/shadowed.txt"), "layer 3\n");
    QCOMPARE(top.size(), 1);
    // The OCI whiteout .wh.doomed.txt is unpacked as overlayfs expects: a 0:0 character device.
    struct stat st {};
    QCOMPARE(::lstat(QFile::encodeName(top.first() + QStringLiteral("/strata/doomed.txt")).constData(), &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));
    QCOMPARE(major(st.st_rdev), 0u);
    QCOMPARE(minor(st.st_rdev), 0u);
    QVERIFY(!QFile::exists(top.first() + QStringLiteral("/strata/.wh.doomed.txt")));
}

} // namespace strata

QTEST_GUILESS_MAIN(strata::TestEnvironment)
#include "tst_environment.moc"
