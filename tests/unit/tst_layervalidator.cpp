#include "layers/layerpath.h"
#include "layers/layervalidator.h"
#include "run/runplanner.h"

#include <QFile>
#include <QTest>

#include <algorithm>

using namespace strata;

namespace {

const QString WindowsRoot = QStringLiteral(R"(C:\ProgramData\containerd\root\io.containerd.snapshotter.v1.windows\snapshots)");
const QString OverlayRoot = QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots");

// Scenario tokens: "24" is folder 24 of the store's snapshotter (overlay entries name N/fs, as
// lowerdir does); "outside:24" is folder 24 of another snapshotter; anything else is verbatim.
QString folderPath(const QString &store, const QString &token)
{
    const bool windows = store == QLatin1String("windows");
    if (token.startsWith(QLatin1String("outside:"))) {
        const QString n = token.mid(8);
        return windows ? QStringLiteral(R"(C:\ProgramData\containerd\root\io.containerd.snapshotter.v1.cimfs\snapshots\)") + n
                       : QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.native/snapshots/") + n;
    }
    bool number = false;
    token.toInt(&number);
    if (!number)
        return token;
    return windows ? WindowsRoot + QLatin1Char('\\') + token : OverlayRoot + QLatin1Char('/') + token + QStringLiteral("/fs");
}

LayerStack stackOf(const QString &store, const QStringList &tokens)
{
    QStringList folders;
    for (const QString &t : tokens)
        folders << folderPath(store, t);
    return LayerStack::fromFolders(folders);
}

// "wrong-order@0,1": a violation's rule and rows, the part the scenarios pin down.
QStringList signatures(const QList<LayerViolation> &violations)
{
    QStringList out;
    for (const LayerViolation &v : violations) {
        QStringList rows;
        for (int r : v.rows)
            rows << QString::number(r);
        out << v.rule + QLatin1Char('@') + rows.join(QLatin1Char(','));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestLayerValidator : public QObject
{
    Q_OBJECT

private:
    SnapshotStore loadStore(const QString &name)
    {
        QFile file(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/layers/") + name + QStringLiteral(".store"));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        auto store = SnapshotStore::fromText(QString::fromUtf8(file.readAll()));
        return store ? *store : SnapshotStore();
    }

    const SnapshotStore &store(const QString &name) const { return m_stores.find(name).value(); }

    QMap<QString, SnapshotStore> m_stores;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("STRATA_FIXTURES"), "run through ctest, which sets STRATA_FIXTURES");
        for (const QString &name : {QStringLiteral("windows"), QStringLiteral("overlayfs"), QStringLiteral("deep")}) {
            m_stores.insert(name, loadStore(name));
            QVERIFY2(!store(name).folders().isEmpty(), qPrintable(name));
        }
        QCOMPARE(store(QStringLiteral("windows")).snapshotsDir(), LayerPath::normalized(WindowsRoot));
        QCOMPARE(store(QStringLiteral("overlayfs")).snapshotsDir(), OverlayRoot);
    }

    void validate_data()
    {
        QTest::addColumn<QString>("storeName");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QStringList>("expected");

        struct Scenario
        {
            const char *name;
            QStringList entries;
            QStringList expected;
        };
        const QList<Scenario> scenarios{
            {"nanoserver [20, 21]", {"20", "21"}, {}},
            {"servercore [24, 23, 25]", {"24", "23", "25"}, {}},
            {"base-first [23, 24, 25]", {"23", "24", "25"}, {"wrong-order@0,1"}},
            {"reversed [25, 24, 23]", {"25", "24", "23"}, {"scratch-not-last@0,2"}},
            {"gap [24, 25]", {"24", "25"}, {"missing-parent@1"}},
            {"no top [23, 25]", {"23", "25"}, {"missing-parent@1"}},
            {"no scratch [24, 23]", {"24", "23"}, {"scratch-not-last@1"}},
            {"view as scratch [24, 23, 26]", {"24", "23", "26"}, {"scratch-not-last@2"}},
            {"duplicate parent", {"24", "24", "23", "25"}, {"duplicate@0,1"}},
            {"duplicate scratch", {"24", "23", "25", "25"}, {"duplicate@2,3"}},
            {"foreign layer", {"24", "20", "23", "25"}, {"foreign-layer@1"}},
            {"view as parent", {"26", "24", "23", "25"}, {"foreign-layer@0"}},
            {"unknown folder 2", {"24", "23", "2", "25"}, {"unknown-folder@2"}},
            {"other snapshotter", {"24", "23", "outside:23", "25"}, {"unknown-folder@2"}},
            {"active as parent", {"24", "23", "21", "25"}, {"active-as-parent@2"}},
            {"single scratch", {"25"}, {"too-few-layers@0", "missing-parent@0", "missing-parent@0"}},
            {"single base", {"20"}, {"too-few-layers@0", "scratch-not-last@0"}},
            {"empty", {}, {"too-few-layers@"}},
            {"wrong scratch", {"20", "25"}, {"foreign-layer@0", "missing-parent@1", "missing-parent@1"}},
        };
        for (const char *storeName : {"windows", "overlayfs"}) {
            for (const Scenario &s : scenarios) {
                QTest::addRow("%s: %s", storeName, s.name) << QString::fromLatin1(storeName) << s.entries << s.expected;
            }
        }
        QTest::addRow("deep: valid") << "deep" << QStringList{"32", "31", "30", "33"} << QStringList{};
        QTest::addRow("deep: middle swapped") << "deep" << QStringList{"32", "30", "31", "33"} << QStringList{"wrong-order@0,1,2"};
        QTest::addRow("deep: base-first") << "deep" << QStringList{"30", "31", "32", "33"} << QStringList{"wrong-order@0,1,2"};
    }

    void validate()
    {
        QFETCH(QString, storeName);
        QFETCH(QStringList, entries);
        QFETCH(QStringList, expected);

        const LayerValidator validator(store(storeName));
        const QList<LayerViolation> violations = validator.validate(stackOf(storeName, entries));
        std::sort(expected.begin(), expected.end());
        QCOMPARE(signatures(violations), expected);
        for (const LayerViolation &v : violations) {
            QVERIFY2(v.problem.endsWith(QLatin1Char('.')) && v.fix.endsWith(QLatin1Char('.')), qPrintable(v.problem + " / " + v.fix));
            QVERIFY(!v.problem.contains(QLatin1Char('\n')) && !v.fix.contains(QLatin1Char('\n')));
        }
    }

    void wording_data()
    {
        QTest::addColumn<QString>("storeName");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("problemHas");
        QTest::addColumn<QString>("fixHas");

        const QString baseFirst = QStringLiteral("looks base-first: the list names the nearest parent first, as the scratch's own mount does");
        QTest::newRow("servercore base-first") << "windows" << QStringList{"23", "24", "25"} << "wrong-order" << baseFirst << "24, 23, 25";
        QTest::newRow("deep base-first") << "deep" << QStringList{"30", "31", "32", "33"} << "wrong-order" << baseFirst << "32, 31, 30, 33";
        QTest::newRow("deep shuffled") << "deep" << QStringList{"32", "30", "31", "33"} << "wrong-order" << "out of order (rows 1, 2, 3)" << "32, 31, 30, 33";
        QTest::newRow("gap") << "windows" << QStringList{"24", "25"} << "missing-parent" << "Parent folder 23" << WindowsRoot + "\\23";
        QTest::newRow("no scratch suggests it") << "windows" << QStringList{"24", "23"} << "scratch-not-last" << "a committed layer" << WindowsRoot + "\\25 (servercore-test)";
        QTest::newRow("view is read-only") << "overlayfs" << QStringList{"24", "23", "26"} << "scratch-not-last" << "read-only View" << "servercore-test";
        QTest::newRow("scratch first") << "windows" << QStringList{"25", "24", "23"} << "scratch-not-last" << "at row 1" << "24, 23, 25";
        QTest::newRow("no such folder") << "windows" << QStringList{"24", "23", "2", "25"} << "unknown-folder" << "No snapshot uses folder 2" << "Remove it";
        QTest::newRow("outside the root") << "overlayfs" << QStringList{"24", "23", "outside:23", "25"} << "unknown-folder" << "outside the snapshotter's folders" << "Remove it";
        QTest::newRow("duplicate") << "windows" << QStringList{"24", "24", "23", "25"} << "duplicate" << "listed 2 times (rows 1, 2)" << "at row 1";
        QTest::newRow("foreign") << "windows" << QStringList{"24", "20", "23", "25"} << "foreign-layer" << "Folder 20 (" << "24, 23, 25";
    }

    void wording()
    {
        QFETCH(QString, storeName);
        QFETCH(QStringList, entries);
        QFETCH(QString, rule);
        QFETCH(QString, problemHas);
        QFETCH(QString, fixHas);

        const QList<LayerViolation> violations = LayerValidator(store(storeName)).validate(stackOf(storeName, entries));
        const auto it = std::find_if(violations.cbegin(), violations.cend(), [&](const LayerViolation &v) { return v.rule == rule; });
        QVERIFY(it != violations.cend());
        QVERIFY2(it->problem.contains(problemHas), qPrintable(it->problem));
        QVERIFY2(it->fix.contains(fixHas), qPrintable(it->fix));
    }

    void pathSpellings_data()
    {
        QTest::addColumn<QString>("storeName");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<bool>("valid");

        const QString fwd = QString(WindowsRoot).replace(QLatin1Char('\\'), QLatin1Char('/'));
        QTest::newRow("windows forward slashes") << "windows" << QStringList{fwd + "/24", fwd + "/23", fwd + "/25"} << true;
        QTest::newRow("windows trailing separators") << "windows" << QStringList{WindowsRoot + "\\24\\", fwd + "/23/", WindowsRoot + "\\25"} << true;
        QTest::newRow("windows other case") << "windows" << QStringList{WindowsRoot.toLower() + "\\24", WindowsRoot.toUpper() + "\\23", WindowsRoot + "\\25"} << true;
        QTest::newRow("overlay without fs") << "overlayfs" << QStringList{OverlayRoot + "/24", OverlayRoot + "/23/fs/", OverlayRoot + "/25/"} << true;
        QTest::newRow("overlay with dot segments") << "overlayfs" << QStringList{OverlayRoot + "/24/../24", OverlayRoot + "/./23//fs", OverlayRoot + "/25"} << true;
        QTest::newRow("windows with dot segments") << "windows" << QStringList{WindowsRoot + "\\24\\..\\24", WindowsRoot + "\\.\\23", WindowsRoot + "\\25"} << true;
        QTest::newRow("overlay is case-sensitive") << "overlayfs" << QStringList{OverlayRoot.toUpper() + "/24/fs", OverlayRoot + "/23/fs", OverlayRoot + "/25/fs"} << false;
        QTest::newRow("windows folders against overlay store") << "overlayfs" << QStringList{WindowsRoot + "\\24", WindowsRoot + "\\23", WindowsRoot + "\\25"} << false;
    }

    void pathSpellings()
    {
        QFETCH(QString, storeName);
        QFETCH(QStringList, entries);
        QFETCH(bool, valid);

        const QList<LayerViolation> violations = LayerValidator(store(storeName)).validate(LayerStack::fromFolders(entries));
        QCOMPARE(violations.isEmpty(), valid);
        if (!valid)
            QVERIFY(std::any_of(violations.cbegin(), violations.cend(),
                                [](const LayerViolation &v) { return v.rule == LayerViolation::UnknownFolder; }));
    }

    void fixedOrder()
    {
        const LayerValidator windows(store(QStringLiteral("windows")));
        auto servercore = windows.fixedOrder(QStringLiteral("servercore-test"));
        QVERIFY(servercore);
        QCOMPARE(*servercore, stackOf(QStringLiteral("windows"), {"24", "23", "25"}).folders());
        QVERIFY(windows.validate(LayerStack::fromFolders(*servercore)).isEmpty());
        auto nano = windows.fixedOrder(QStringLiteral("my-test"));
        QVERIFY(nano);
        QCOMPARE(*nano, stackOf(QStringLiteral("windows"), {"20", "21"}).folders());

        const LayerValidator overlay(store(QStringLiteral("overlayfs")));
        auto folders = overlay.fixedOrder(QStringLiteral("servercore-test"));
        QVERIFY(folders);
        QCOMPARE(*folders, (QStringList{OverlayRoot + "/24", OverlayRoot + "/23", OverlayRoot + "/25"}));

        const auto committed = windows.fixedOrder(store(QStringLiteral("windows")).folders().first().key);
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, int(Error::FailedPrecondition));
        const auto missing = windows.fixedOrder(QStringLiteral("no-such-snapshot"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, int(Error::NotFound));
    }

    void fixedOrderNeedsEveryFolder()
    {
        QList<SnapshotFolder> folders = store(QStringLiteral("windows")).folders();
        for (SnapshotFolder &f : folders) {
            if (f.id == QLatin1String("23"))
                f.path.clear();
        }
        const auto order = LayerValidator(folders).fixedOrder(QStringLiteral("servercore-test"));
        QVERIFY(!order);
        QCOMPARE(order.error().code, int(Error::NotFound));
    }

    void reordered_data()
    {
        QTest::addColumn<QString>("storeName");
        QTest::addColumn<QStringList>("entries");
        QTest::addColumn<QStringList>("fixed"); // empty: not fixable by reordering

        for (const char *s : {"windows", "overlayfs"}) {
            const QString name = QString::fromLatin1(s);
            QTest::addRow("%s base-first", s) << name << QStringList{"23", "24", "25"} << QStringList{"24", "23", "25"};
            QTest::addRow("%s reversed", s) << name << QStringList{"25", "24", "23"} << QStringList{"24", "23", "25"};
            QTest::addRow("%s scratch in the middle", s) << name << QStringList{"23", "25", "24"} << QStringList{"24", "23", "25"};
            QTest::addRow("%s already valid", s) << name << QStringList{"24", "23", "25"} << QStringList{"24", "23", "25"};
            QTest::addRow("%s gap", s) << name << QStringList{"24", "25"} << QStringList{};
            QTest::addRow("%s duplicate", s) << name << QStringList{"24", "24", "23", "25"} << QStringList{};
            QTest::addRow("%s foreign", s) << name << QStringList{"24", "20", "23", "25"} << QStringList{};
            QTest::addRow("%s no scratch", s) << name << QStringList{"23", "24"} << QStringList{};
            QTest::addRow("%s unknown", s) << name << QStringList{"23", "24", "2", "25"} << QStringList{};
        }
    }

    void reordered()
    {
        QFETCH(QString, storeName);
        QFETCH(QStringList, entries);
        QFETCH(QStringList, fixed);

        const LayerValidator validator(store(storeName));
        const std::optional<LayerStack> result = validator.reordered(stackOf(storeName, entries));
        QCOMPARE(result.has_value(), !fixed.isEmpty());
        if (!result)
            return;
        QCOMPARE(result->folders(), stackOf(storeName, fixed).folders());
        QVERIFY(validator.validate(*result).isEmpty());
        for (const LayerEntry &e : result->entries())
            QVERIFY(e.resolved());
    }

    void reorderedKeepsSpelling()
    {
        const QString fwd = QString(WindowsRoot).replace(QLatin1Char('\\'), QLatin1Char('/'));
        const LayerStack mixed = LayerStack::fromFolders({fwd + "/23", WindowsRoot.toLower() + "\\24\\", WindowsRoot + "\\25"});
        const auto fixed = LayerValidator(store(QStringLiteral("windows"))).reordered(mixed);
        QVERIFY(fixed);
        QCOMPARE(fixed->folders(), (QStringList{mixed.at(1).folder, mixed.at(0).folder, mixed.at(2).folder}));
    }

    void fromSeedMount()
    {
        // `ctr snapshots prepare --mounts my-test <nanoserver>` in the field report.
        const Mount mount{QStringLiteral("windows-layer"), WindowsRoot + QStringLiteral("\\21"), QString(),
                          {QStringLiteral("rw"),
                           QStringLiteral(R"(parentLayerPaths=["C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows\\snapshots\\20"])")}};
        const auto stack = LayerStack::fromMount(mount);
        QVERIFY(stack);
        QCOMPARE(stack->folders(), stackOf(QStringLiteral("windows"), {"20", "21"}).folders());
        QVERIFY(LayerValidator(store(QStringLiteral("windows"))).validate(*stack).isEmpty());
    }

    void fromOverlayMount_data()
    {
        QTest::addColumn<QString>("lowerdir");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("containerd's order") << OverlayRoot + "/24/fs:" + OverlayRoot + "/23/fs" << QStringList{};
        QTest::newRow("base-first") << OverlayRoot + "/23/fs:" + OverlayRoot + "/24/fs" << QStringList{"wrong-order@0,1"};
        QTest::newRow("gap") << OverlayRoot + "/24/fs" << QStringList{"missing-parent@1"};
    }

    void fromOverlayMount()
    {
        QFETCH(QString, lowerdir);
        QFETCH(QStringList, expected);
        const Mount mount{QStringLiteral("overlay"), QStringLiteral("overlay"), QString(),
                          {QStringLiteral("index=off"), QStringLiteral("workdir=") + OverlayRoot + "/25/work",
                           QStringLiteral("upperdir=") + OverlayRoot + "/25/fs", QStringLiteral("lowerdir=") + lowerdir}};
        const auto stack = LayerStack::fromMount(mount);
        QVERIFY(stack);
        QCOMPARE(stack->folders().last(), OverlayRoot + "/25"); // an entry is the snapshot folder
        QCOMPARE(signatures(LayerValidator(store(QStringLiteral("overlayfs"))).validate(*stack)), expected);
    }

    // Whichever way an entry is spelt, the rootfs mounts the folders' fs and the scratch's work.
    void overlayRootfs_data()
    {
        QTest::addColumn<QStringList>("entries");
        QTest::newRow("folders") << QStringList{OverlayRoot + "/24", OverlayRoot + "/23", OverlayRoot + "/25"};
        QTest::newRow("fs subfolders") << QStringList{OverlayRoot + "/24/fs", OverlayRoot + "/23/fs/", OverlayRoot + "/25/fs"};
        QTest::newRow("trailing separators") << QStringList{OverlayRoot + "/24/", OverlayRoot + "/23//", OverlayRoot + "/25/"};
    }

    void overlayRootfs()
    {
        QFETCH(QStringList, entries);
        const auto mount = RunPlanner::overlayRootfs(LayerStack::fromFolders(entries));
        QVERIFY2(mount, qPrintable(mount ? QString() : mount.error().message));
        QCOMPARE(mount->type, QStringLiteral("overlay"));
        QVERIFY(mount->options.contains(QStringLiteral("lowerdir=") + OverlayRoot + "/24/fs:" + OverlayRoot + "/23/fs"));
        QVERIFY(mount->options.contains(QStringLiteral("upperdir=") + OverlayRoot + "/25/fs"));
        QVERIFY(mount->options.contains(QStringLiteral("workdir=") + OverlayRoot + "/25/work"));
        QVERIFY(!RunPlanner::overlayRootfs(LayerStack::fromFolders({OverlayRoot + "/25"})));
    }

    void fromMountRejects()
    {
        QVERIFY(!LayerStack::fromMount(Mount{QStringLiteral("CimFS"), QStringLiteral("x"), {}, {}}));
        const auto broken = LayerStack::fromMount(Mount{QStringLiteral("windows-layer"), WindowsRoot + "\\21", {}, {QStringLiteral("parentLayerPaths=[oops")}});
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, int(Error::Corrupt));
    }

    void storeText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("error");
        QTest::newRow("comments and blanks") << "# c\n\n a - committed 1 /x/snapshots/1\n" << 1 << "";
        QTest::newRow("path with spaces") << "a - committed 1 C:\\Program Data\\snapshots\\1" << 1 << "";
        QTest::newRow("too few fields") << "a - committed 1 /p\nb a active\n" << 0 << "line 2";
        QTest::newRow("bad kind") << "a - frozen 1 /p" << 0 << "unknown kind \"frozen\"";
    }

    void storeText()
    {
        QFETCH(QString, text);
        QFETCH(int, rows);
        QFETCH(QString, error);
        const auto parsed = SnapshotStore::fromText(text);
        QCOMPARE(parsed.ok(), error.isEmpty());
        if (!parsed) {
            QCOMPARE(parsed.error().code, int(Error::Corrupt));
            QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
            return;
        }
        QCOMPARE(parsed->folders().size(), rows);
        QCOMPARE(parsed->folders().first().parent, QString());
        QVERIFY(parsed->findByPath(parsed->folders().first().path));
    }

    void storeFromFoldersJson()
    {
        QJsonArray rows;
        for (const SnapshotFolder &f : store(QStringLiteral("windows")).folders())
            rows.append(f.toJson());
        const auto parsed = SnapshotStore::fromJson(rows);
        QVERIFY(parsed);
        QCOMPARE(parsed->folders(), store(QStringLiteral("windows")).folders());
        QVERIFY(!SnapshotStore::fromJson(QJsonArray{QJsonObject{{"key", "x"}, {"kind", "melted"}}}));
    }
};

QTEST_GUILESS_MAIN(TestLayerValidator)
#include "tst_layervalidator.moc"
