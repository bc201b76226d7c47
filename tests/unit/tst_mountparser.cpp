#include "snapshots/mountparser.h"

#include <QFile>
#include <QTest>

using namespace strata;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/mounts/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

QList<Mount> mountsOf(const QString &name)
{
    auto mounts = MountParser::fromCtrJson(fixture(name));
    if (!mounts)
        qFatal("%s: %s", qPrintable(name), qPrintable(mounts.error().message));
    return *mounts;
}

QStringList ids(const QList<MountLayout::Folder> &folders)
{
    QStringList out;
    for (const auto &f : folders)
        out.append(f.id);
    return out;
}

const QString overlayRoot = QStringLiteral("/tmp/ocid/root/io.containerd.snapshotter.v1.overlayfs/snapshots/");
const QString windowsRoot = QStringLiteral("C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows\\snapshots\\");

Mount windowsMount(const QString &source, const QStringList &options)
{
    return Mount{QStringLiteral("windows-layer"), windowsRoot + source, QString(), options};
}

} // namespace

Q_DECLARE_METATYPE(MountLayout::Own)

class TstMountParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedJsonParses()
    {
        const auto mounts = mountsOf(QStringLiteral("windows-seed-prepare.json"));
        QCOMPARE(mounts.size(), 1);
        QCOMPARE(mounts[0].type, QStringLiteral("windows-layer"));
        QCOMPARE(mounts[0].source, windowsRoot + QStringLiteral("21"));
        QCOMPARE(mounts[0].target, QString());
        QCOMPARE(mounts[0].options.size(), 2);
        QCOMPARE(mounts[0].options[0], QStringLiteral("rw"));
        QVERIFY(mounts[0].options[1].startsWith(QStringLiteral("parentLayerPaths=[\"C:\\\\ProgramData")));
    }

    void seedJsonRoundTripsByteForByte_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("seed") << QStringLiteral("windows-seed-prepare.json");
        QTest::newRow("servercore") << QStringLiteral("windows-servercore-prepare.json");
    }
    void seedJsonRoundTripsByteForByte()
    {
        QFETCH(QString, file);
        QCOMPARE(MountParser::toCtrJson(mountsOf(file)), fixture(file));
    }

    void seedLayout()
    {
        auto layout = MountParser::parse(mountsOf(QStringLiteral("windows-seed-prepare.json")));
        QVERIFY2(layout.ok(), qPrintable(layout.ok() ? QString() : layout.error().message));
        QCOMPARE(layout->own, MountLayout::Own::Present);
        QVERIFY(!layout->readOnly);
        QCOMPARE(layout->ownFolder()->id, QStringLiteral("21"));
        QCOMPARE(layout->ownFolder()->path, windowsRoot + QStringLiteral("21"));
        QCOMPARE(ids(layout->parentFolders()), QStringList{QStringLiteral("20")});
        QCOMPARE(layout->parentFolders()[0].path, windowsRoot + QStringLiteral("20"));
    }

    void servercoreParentsNearestFirst()
    {
        auto layout = MountParser::parse(mountsOf(QStringLiteral("windows-servercore-prepare.json")));
        QVERIFY(layout.ok());
        QCOMPARE(layout->ownFolder()->id, QStringLiteral("25"));
        QCOMPARE(ids(layout->parentFolders()), (QStringList{QStringLiteral("24"), QStringLiteral("23")}));
    }

    // Real containerd 1.6 output; folder numbers follow the creation order in the README.
    void realMounts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("parentCount");
        QTest::addColumn<MountLayout::Own>("own");
        QTest::addColumn<QStringList>("folders");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<bool>("parentsListed");
        using O = MountLayout::Own;
        const int active = int(SnapshotKind::Active), view = int(SnapshotKind::View), unknown = 0;
        const auto l = [](std::initializer_list<const char *> v) {
            QStringList out;
            for (auto s : v)
                out.append(QString::fromLatin1(s));
            return out;
        };
        QTest::newRow("overlay base active") << "overlay-prepare-base-active.json" << unknown << -1 << O::Present << l({"1"}) << false << true;
        QTest::newRow("overlay active on 1") << "overlay-prepare-one-parent.json" << unknown << -1 << O::Present << l({"2", "1"}) << false << true;
        QTest::newRow("overlay active on 2") << "overlay-prepare-two-parents.json" << active << 2 << O::Present << l({"3", "2", "1"}) << false << true;
        QTest::newRow("overlay active on 3") << "overlay-prepare-three-parents.json" << unknown << -1 << O::Present << l({"4", "3", "2", "1"}) << false << true;
        QTest::newRow("overlay view on 1, hinted") << "overlay-view-one-parent.json" << view << 1 << O::Absent << l({"1"}) << true << true;
        QTest::newRow("overlay view on 1, no hint") << "overlay-view-one-parent.json" << unknown << -1 << O::Unknown << l({"1"}) << true << false;
        QTest::newRow("overlay view on 2") << "overlay-view-two-parents.json" << unknown << -1 << O::Absent << l({"2", "1"}) << true << true;
        QTest::newRow("overlay view on 3") << "overlay-view-three-parents.json" << view << 3 << O::Absent << l({"3", "2", "1"}) << true << true;
        QTest::newRow("overlay parentless view, hinted") << "overlay-view-no-parent.json" << view << 0 << O::Present << l({"8"}) << true << true;
        QTest::newRow("native base active") << "native-prepare-base-active.json" << unknown << 0 << O::Present << l({"1"}) << false << true;
        QTest::newRow("native active on 1") << "native-prepare-one-parent.json" << active << 1 << O::Present << l({"2"}) << false << false;
        QTest::newRow("native view on 1") << "native-view-one-parent.json" << view << 1 << O::Absent << l({"1"}) << true << true;
    }
    void realMounts()
    {
        QFETCH(QString, file);
        QFETCH(int, kind);
        QFETCH(int, parentCount);
        QFETCH(MountLayout::Own, own);
        QFETCH(QStringList, folders);
        QFETCH(bool, readOnly);
        QFETCH(bool, parentsListed);
        const auto layout = MountParser::parse(mountsOf(file), {SnapshotKind(kind), parentCount});
        QVERIFY2(layout.ok(), qPrintable(layout.ok() ? QString() : layout.error().message));
        QCOMPARE(layout->own, own);
        QCOMPARE(ids(layout->folders), folders);
        QCOMPARE(layout->readOnly, readOnly);
        QCOMPARE(layout->parentsListed, parentsListed);
        QCOMPARE(layout->note.isEmpty(), own == MountLayout::Own::Present && parentsListed);
        for (const auto &f : layout->folders)
            QVERIFY(f.path.endsWith(QStringLiteral("/snapshots/") + f.id));
    }

    void overlayPathsDropFsAndWork()
    {
        const auto layout = MountParser::parse(mountsOf(QStringLiteral("overlay-prepare-one-parent.json")));
        QVERIFY(layout.ok());
        QCOMPARE(layout->ownFolder()->path, overlayRoot + QStringLiteral("2"));
        QCOMPARE(layout->parentFolders(), (QList<MountLayout::Folder>{{QStringLiteral("1"), overlayRoot + QStringLiteral("1")}}));
    }

    void ctr16OutputRoundTrips()
    {
        // ctr 1.6 prints no Target; writing it back adds `"Target": ""` and nothing else.
        const QByteArray original = fixture(QStringLiteral("overlay-prepare-two-parents.json"));
        const auto mounts = mountsOf(QStringLiteral("overlay-prepare-two-parents.json"));
        const QByteArray written = MountParser::toCtrJson(mounts);
        QCOMPARE(QByteArray(written).replace("        \"Target\": \"\",\n", ""), original);
        QCOMPARE(*MountParser::fromCtrJson(written), mounts);
    }

    void windows16View_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("parentOption");
        QTest::addColumn<int>("parentCount");
        QTest::addColumn<MountLayout::Own>("own");
        QTest::addColumn<QStringList>("parents");
        using O = MountLayout::Own;
        const QString p7 = QStringLiteral("parentLayerPaths=[\"") + QString(windowsRoot).replace(QLatin1String("\\"), QLatin1String("\\\\")) + QStringLiteral("7\"]");
        QTest::newRow("1.6 parentless (null)") << "9" << "parentLayerPaths=null" << -1 << O::Present << QStringList{};
        QTest::newRow("2.x parentless (no option)") << "9" << QString() << -1 << O::Present << QStringList{};
        QTest::newRow("1.6 on one parent ([])") << "8" << "parentLayerPaths=[]" << -1 << O::Absent << QStringList{QStringLiteral("8")};
        QTest::newRow("unhinted, two listed") << "8" << p7 << -1 << O::Unknown << QStringList{};
        QTest::newRow("2.x, one parent") << "9" << p7 << 1 << O::Present << QStringList{QStringLiteral("7")};
        QTest::newRow("1.6, two parents") << "8" << p7 << 2 << O::Absent << QStringList{QStringLiteral("8"), QStringLiteral("7")};
    }
    void windows16View()
    {
        QFETCH(QString, source);
        QFETCH(QString, parentOption);
        QFETCH(int, parentCount);
        QFETCH(MountLayout::Own, own);
        QFETCH(QStringList, parents);
        QStringList options{QStringLiteral("ro")};
        if (!parentOption.isEmpty())
            options.append(parentOption);
        const auto layout = MountParser::parse({windowsMount(source, options)}, {SnapshotKind::View, parentCount});
        QVERIFY2(layout.ok(), qPrintable(layout.ok() ? QString() : layout.error().message));
        QVERIFY(layout->readOnly);
        QCOMPARE(layout->own, own);
        QCOMPARE(ids(layout->parentFolders()), parents);
        QCOMPARE(layout->ownFolder().has_value(), own == MountLayout::Own::Present);
        if (own == MountLayout::Own::Unknown)
            QVERIFY(!layout->note.isEmpty());
    }

    void windowsParentCountContradiction()
    {
        const auto layout = MountParser::parse(
            {windowsMount(QStringLiteral("8"), {QStringLiteral("ro"), QStringLiteral("parentLayerPaths=[\"C:\\\\s\\\\snapshots\\\\7\"]")})},
            {SnapshotKind::View, 5});
        QVERIFY(!layout.ok());
        QCOMPARE(layout.error().code, int(Error::InvalidArgument));
    }

    void cimfsParentsFromCimPaths()
    {
        const Mount m{QStringLiteral("CimFS"), windowsRoot + QStringLiteral("30"), QString(),
                      {QStringLiteral("rw"), QStringLiteral("cimpath=C:\\\\cims\\\\30.cim"),
                       QStringLiteral("parentCimPaths=[\"C:\\\\root\\\\cim-layers\\\\29.cim\",\"C:\\\\root\\\\cim-layers\\\\12.cim\"]")}};
        const auto layout = MountParser::parse({m});
        QVERIFY2(layout.ok(), qPrintable(layout.ok() ? QString() : layout.error().message));
        QCOMPARE(layout->ownFolder()->id, QStringLiteral("30"));
        QCOMPARE(ids(layout->parentFolders()), (QStringList{QStringLiteral("29"), QStringLiteral("12")}));
        QCOMPARE(layout->parentFolders()[1].path, windowsRoot + QStringLiteral("12"));
    }

    void folderOf_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("folder");
        QTest::newRow("fs") << "/var/lib/c/snapshots/12/fs" << "12" << "/var/lib/c/snapshots/12";
        QTest::newRow("work") << "/var/lib/c/snapshots/3/work" << "3" << "/var/lib/c/snapshots/3";
        QTest::newRow("bare") << "/x/snapshots/7" << "7" << "/x/snapshots/7";
        QTest::newRow("nested snapshots dir") << "/snapshots/1/snapshots/44/fs" << "44" << "/snapshots/1/snapshots/44";
        QTest::newRow("windows") << "C:\\d\\snapshots\\21" << "21" << "C:\\d\\snapshots\\21";
        QTest::newRow("removal dir") << "C:\\d\\snapshots\\rm-1" << "" << "";
        QTest::newRow("inside fs") << "/x/snapshots/7/fs/etc" << "" << "";
        QTest::newRow("no snapshots") << "/x/7/fs" << "" << "";
    }
    void folderOf()
    {
        QFETCH(QString, path);
        QFETCH(QString, id);
        QFETCH(QString, folder);
        const auto f = MountParser::folderOf(path);
        QCOMPARE(f.ok(), !id.isEmpty());
        if (f) {
            QCOMPARE(f->id, id);
            QCOMPARE(f->path, folder);
        } else {
            QCOMPARE(f.error().code, int(Error::Corrupt));
            QVERIFY(f.error().message.contains(path));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("garbage") << QByteArray("{nope");
        QTest::newRow("object") << QByteArray("{\"Type\":\"bind\"}");
        QTest::newRow("number type") << QByteArray("[{\"Type\":3}]");
        QTest::newRow("options not list") << QByteArray("[{\"Type\":\"bind\",\"Options\":\"ro\"}]");
        QTest::newRow("option not string") << QByteArray("[{\"Type\":\"bind\",\"Options\":[1]}]");
    }
    void badInput()
    {
        QFETCH(QByteArray, json);
        const auto mounts = MountParser::fromCtrJson(json);
        QVERIFY(!mounts.ok());
        QCOMPARE(mounts.error().code, int(Error::Corrupt));
    }

    void lowercaseKeysAndNullOptions()
    {
        const auto mounts = MountParser::fromCtrJson(R"([{"type":"bind","source":"/s/snapshots/1/fs","options":null}])");
        QVERIFY(mounts.ok());
        QCOMPARE(mounts->size(), 1);
        QCOMPARE(mounts->at(0).type, QStringLiteral("bind"));
        QVERIFY(mounts->at(0).options.isEmpty());
        QVERIFY(MountParser::toCtrJson(*mounts).contains("\"Options\": null"));
    }

    void goHtmlEscaping()
    {
        const QByteArray out = MountParser::toCtrJson({Mount{QStringLiteral("bind"), QStringLiteral("/a&b/<c>"), {}, {QStringLiteral("ro")}}});
        QVERIFY(out.contains(R"("Source": "/a\u0026b/\u003cc\u003e")"));
        QCOMPARE(MountParser::fromCtrJson(out)->at(0).source, QStringLiteral("/a&b/<c>"));
        QCOMPARE(MountParser::toCtrJson({}), QByteArray("[]\n"));
    }

    void unusableMounts()
    {
        QCOMPARE(MountParser::parse({}).error().code, int(Error::InvalidArgument));
        const Mount ext4{QStringLiteral("ext4"), QStringLiteral("/dev/dm-3"), {}, {}};
        QCOMPARE(MountParser::parse({ext4}).error().code, int(Error::Unimplemented));
        QCOMPARE(MountParser::parse({ext4, ext4}).error().code, int(Error::Unimplemented));
        const Mount noLower{QStringLiteral("overlay"), QStringLiteral("overlay"), {}, {QStringLiteral("upperdir=/s/snapshots/2/fs")}};
        QCOMPARE(MountParser::parse({noLower}).error().code, int(Error::Corrupt));
        const Mount split{QStringLiteral("overlay"), QStringLiteral("overlay"), {},
                          {QStringLiteral("workdir=/s/snapshots/3/work"), QStringLiteral("upperdir=/s/snapshots/2/fs"),
                           QStringLiteral("lowerdir=/s/snapshots/1/fs")}};
        QCOMPARE(MountParser::parse({split}).error().code, int(Error::Corrupt));
    }
};

QTEST_GUILESS_MAIN(TstMountParser)
#include "tst_mountparser.moc"
