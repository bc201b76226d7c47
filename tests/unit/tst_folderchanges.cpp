#include "layerchangestext.h"
#include "why.h"

#include "files/folderchanges.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace strata;

namespace {

QString render(LayerChanges changes)
{
    std::sort(changes.begin(), changes.end(), [](const FileEntry &a, const FileEntry &b) {
        return std::pair(a.path, int(a.kind)) < std::pair(b.path, int(b.kind));
    });
    return test::layerChangesText(changes);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

// An overlayfs upper folder made by hand, the way the kernel marks removals in it.
class TestFolderChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlayMarkers()
    {
        QTemporaryDir dir;
        const QString fs = dir.path();
        const auto p = [&](const char *rel) { return QFile::encodeName(fs + QLatin1Char('/') + QLatin1String(rel)); };
        QVERIFY(QDir(fs).mkpath(QStringLiteral("etc")));
        QVERIFY(QDir(fs).mkpath(QStringLiteral("var/cache")));
        QVERIFY(writeFile(fs + QStringLiteral("/etc/who"), "top"));
        QCOMPARE(::symlink("who", p("etc/link").constData()), 0);
        QCOMPARE(::link(p("etc/who").constData(), p("etc/hard").constData()), 0);
        QCOMPARE(::mkfifo(p("etc/fifo").constData(), 0644), 0);
        // Both need root, as overlayfs itself does: the suite runs as root.
        QVERIFY2(::mknod(p("etc/gone").constData(), S_IFCHR | 0, makedev(0, 0)) == 0, "mknod needs root");
        QVERIFY2(::setxattr(p("var/cache").constData(), "trusted.overlay.opaque", "y", 1, 0) == 0,
                 "setting trusted.overlay.opaque needs root and a file system with xattrs");

        auto changes = FolderChanges::read(fs);
        QVERIFY2(changes, test::why(changes));
        const QString text = render(*changes);
        // Which of two names for one inode is the file depends on readdir's order.
        const bool whoFirst = text.contains(QStringLiteral("hardlink etc/hard -> etc/who"));
        QCOMPARE(text, QStringLiteral("dir etc\n"
                                      "fifo etc/fifo\n"
                                      "whiteout etc/gone\n") +
                           (whoFirst ? QStringLiteral("hardlink etc/hard -> etc/who\n")
                                     : QStringLiteral("file etc/hard 3\n")) +
                           QStringLiteral("symlink etc/link -> who\n") +
                           (whoFirst ? QStringLiteral("file etc/who 3\n") : QStringLiteral("hardlink etc/who -> etc/hard\n")) +
                           QStringLiteral("dir var\n"
                                          "dir var/cache\n"
                                          "opaque var/cache"));
    }

    void missingFolder()
    {
        auto changes = FolderChanges::read(QStringLiteral("/nonexistent/strata/fs"));
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::NotFound));
    }

    void notAFolder()
    {
        auto changes = FolderChanges::read(QStringLiteral("/dev/null"));
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::InvalidArgument));
    }

    void cancelStops()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("a")), "x"));
        std::atomic_bool cancel{true};
        auto changes = FolderChanges::read(dir.path(), &cancel);
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestFolderChanges)
#include "tst_folderchanges.moc"
