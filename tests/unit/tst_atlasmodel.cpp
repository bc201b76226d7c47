#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"
#include "atlas/atlastextdump.h"
#include "layers/snapshotmime.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLocale>
#include <QMimeData>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

namespace {

QString fixturePath(const QString &name)
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("STRATA_FIXTURES"))
        + QStringLiteral("/atlas/") + name;
}

QString readText(const QString &name)
{
    QFile f(fixturePath(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(f.fileName()));
    return QString::fromUtf8(f.readAll());
}

AtlasSnapshot snapshotFromLine(const QStringList &w)
{
    AtlasSnapshot s;
    s.info.key = w.at(1);
    s.info.parent = w.at(2) == QLatin1String("-") ? QString() : w.at(2);
    s.info.kind = *kindFromName(w.at(3));
    s.folderId = w.at(4);
    s.folderPath = QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/") + w.at(4);
    if (w.at(5) != QLatin1String("-"))
        s.usage = SnapshotUsage{w.at(5).toLongLong(), w.at(6).toLongLong()};
    for (int i = 7; i < w.size(); ++i) {
        const int eq = int(w.at(i).indexOf(QLatin1Char('=')));
        s.info.labels.insert(w.at(i).left(eq), w.at(i).mid(eq + 1));
    }
    return s;
}

// The fixture format is described at the top of tests/fixtures/atlas/store.txt.
AtlasContents readStore(const QString &text)
{
    AtlasContents out;
    out.snapshotter = QStringLiteral("overlayfs");
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList w = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (w.first() == QLatin1String("snapshot")) {
            out.snapshots << snapshotFromLine(w);
        } else {
            AtlasImage image;
            image.record.name = w.at(1);
            if (w.at(2).startsWith(QLatin1Char('!')))
                image.error = line.mid(line.indexOf(QLatin1Char('!')) + 1);
            else
                image.layerKeys = w.mid(2);
            out.images << image;
        }
    }
    return out;
}

AtlasSnapshot active(const QString &key, const QString &parent, const QString &folder)
{
    return snapshotFromLine({QStringLiteral("snapshot"), key, parent, QStringLiteral("active"), folder,
                             QStringLiteral("0"), QStringLiteral("1")});
}

const QList<int> kDumpColumns{Atlas::NameColumn,   Atlas::KindColumn,   Atlas::FolderColumn, Atlas::SizeColumn,
                              Atlas::InodesColumn, Atlas::LabelsColumn, Atlas::UsedByColumn};

QString dump(const QAbstractItemModel &m, const QList<int> &columns = kDumpColumns)
{
    return AtlasTextDump::dump(m, columns);
}

} // namespace

class TestAtlasModel : public QObject
{
    Q_OBJECT

    AtlasContents m_store;

    // Signals that would mean a reset or a relayout instead of row-level changes.
    struct ResetWatch
    {
        explicit ResetWatch(QAbstractItemModel *m)
            : resets(m, &QAbstractItemModel::modelAboutToBeReset)
            , layouts(m, &QAbstractItemModel::layoutAboutToBeChanged)
        {
        }
        QSignalSpy resets;
        QSignalSpy layouts;
    };

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        m_store = readStore(readText(QStringLiteral("store.txt")));
        QCOMPARE(m_store.snapshots.size(), 6);
    }

    void fillMatchesDump()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ResetWatch watch(&model);
        model.setContents(m_store);
        QCOMPARE(dump(model), readText(QStringLiteral("store.dump.txt")));
        QCOMPARE(watch.resets.size(), 0);
        QCOMPARE(model.childKeys(QStringLiteral("sha256:aaa")),
                 (QStringList{QStringLiteral("sha256:bbb"), QStringLiteral("sha256:ddd")}));
        QCOMPARE(model.usedBy(QStringLiteral("sha256:aaa")), (QStringList{QStringLiteral("app:1"), QStringLiteral("tool:2")}));
        const QModelIndex ccc = model.indexOfSnapshot(QStringLiteral("sha256:ccc"));
        QCOMPARE(ccc.data(Atlas::FolderPathRole).toString(),
                 QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/5"));
        QCOMPARE(ccc.data(Atlas::ParentKeyRole).toString(), QStringLiteral("sha256:bbb"));
        QCOMPARE(ccc.data(Atlas::SizeRole).toLongLong(), 200);
        QCOMPARE(ccc.data(Atlas::LabelsRole).toMap().value(QStringLiteral("containerd.io/snapshot.ref")).toString(),
                 QStringLiteral("ccc"));
        const QModelIndex broken = model.indexOfImage(QStringLiteral("broken:1"));
        QVERIFY(broken.data(Qt::ToolTipRole).toString().contains(QLatin1String("content sha256:eee not found")));
    }

    void eventsInsertAndRemoveRows()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(m_store);
        const QString before = dump(model);
        ResetWatch watch(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        const QPersistentModelIndex ddd = model.indexOfSnapshot(QStringLiteral("sha256:ddd"));

        model.upsertSnapshot(active(QStringLiteral("extra"), QStringLiteral("sha256:ccc"), QStringLiteral("9")));
        // Under its parent in the forest, and on top of app:1, whose top layer is its parent.
        QCOMPARE(inserted.size(), 2);
        const QModelIndex extra = model.indexOfSnapshot(QStringLiteral("extra"));
        QCOMPARE(extra.parent(), model.indexOfSnapshot(QStringLiteral("sha256:ccc")));
        QCOMPARE(extra.data(Atlas::FolderIdRole).toString(), QStringLiteral("9"));
        const QModelIndex appTop = model.index(2, 0, model.indexOfImage(QStringLiteral("app:1")));
        QCOMPARE(appTop.data(Atlas::KeyRole).toString(), QStringLiteral("sha256:ccc"));
        QCOMPARE(model.rowCount(appTop), 2);
        QCOMPARE(model.index(0, 0, appTop).data(Atlas::KeyRole).toString(), QStringLiteral("extra"));

        // Usage arriving later is a data change of every row that shows the snapshot.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        AtlasSnapshot updated = *model.snapshot(QStringLiteral("extra"));
        updated.usage = SnapshotUsage{8192, 2};
        model.upsertSnapshot(updated);
        QCOMPARE(model.index(0, Atlas::SizeColumn, appTop).data().toString(), QStringLiteral("8.0 KiB"));
        QVERIFY(changed.size() >= 2);

        model.removeSnapshot(QStringLiteral("extra"));
        QCOMPARE(removed.size(), 2);
        QVERIFY(!model.indexOfSnapshot(QStringLiteral("extra")).isValid());
        QCOMPARE(dump(model), before);
        QVERIFY(ddd.isValid());
        QCOMPARE(ddd.data(Atlas::KeyRole).toString(), QStringLiteral("sha256:ddd"));
        QCOMPARE(watch.resets.size(), 0);
        QCOMPARE(watch.layouts.size(), 0);
    }

    void refreshMerges()
    {
        AtlasContents next = m_store;
        next.snapshots.removeIf([](const AtlasSnapshot &s) {
            return s.info.key == QLatin1String("look") || s.info.key == QLatin1String("sha256:ddd");
        });
        next.snapshots << active(QStringLiteral("late"), QStringLiteral("sha256:bbb"), QStringLiteral("12"));
        next.images.removeIf([](const AtlasImage &i) { return i.record.name == QLatin1String("tool:2"); });
        AtlasImage copy = next.images.constFirst();
        copy.record.name = QStringLiteral("app:copy");
        next.images << copy;

        AtlasModel fresh;
        fresh.setContents(next);

        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(m_store);
        const QPersistentModelIndex bbb = model.indexOfSnapshot(QStringLiteral("sha256:bbb"));
        const QPersistentModelIndex app = model.indexOfImage(QStringLiteral("app:1"));
        ResetWatch watch(&model);
        model.setContents(next);
        QCOMPARE(dump(model), dump(fresh));
        QCOMPARE(model.usedBy(QStringLiteral("sha256:aaa")),
                 (QStringList{QStringLiteral("app:1"), QStringLiteral("app:copy")}));
        QVERIFY(bbb.isValid());
        QCOMPARE(bbb.data(Atlas::KeyRole).toString(), QStringLiteral("sha256:bbb"));
        QVERIFY(app.isValid());
        QCOMPARE(watch.resets.size(), 0);
    }

    void childBeforeParentIsAdopted()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents({QStringLiteral("overlayfs"), {}, {}});
        model.upsertSnapshot(active(QStringLiteral("child"), QStringLiteral("base"), QStringLiteral("2")));
        QCOMPARE(model.indexOfSnapshot(QStringLiteral("child")).parent(), model.snapshotsIndex());
        AtlasSnapshot base = active(QStringLiteral("base"), {}, QStringLiteral("1"));
        base.info.kind = SnapshotKind::Committed;
        model.upsertSnapshot(base);
        QCOMPARE(dump(model, {Atlas::NameColumn, Atlas::KindColumn}),
                 QStringLiteral("Images | 0 images\n"
                                "Snapshots | 2 snapshots\n"
                                "  base | committed\n"
                                "    child | active\n"));
        // A parent removed while its child is still listed (a refresh that is behind) leaves the
        // child visible at the top rather than dropping it.
        model.removeSnapshot(QStringLiteral("base"));
        QCOMPARE(model.indexOfSnapshot(QStringLiteral("child")).parent(), model.snapshotsIndex());
    }

    void imagesShareLayers()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(m_store);
        AtlasImage image;
        image.record.name = QStringLiteral("app:2");
        image.layerKeys = QStringList{QStringLiteral("sha256:aaa"), QStringLiteral("sha256:bbb"), QStringLiteral("sha256:missing")};
        model.upsertImage(image);
        QCOMPARE(model.indexOfSnapshot(QStringLiteral("sha256:bbb"), Atlas::UsedByColumn).data().toString(),
                 QStringLiteral("app:1, app:2"));
        const QModelIndex missing = model.index(2, Atlas::PathColumn, model.indexOfImage(QStringLiteral("app:2")));
        QCOMPARE(missing.data().toString(), QStringLiteral("(not unpacked in overlayfs)"));
        // Its top layer is absent, so the image has no unpacked size and nothing on top.
        QCOMPARE(model.indexOfImage(QStringLiteral("app:2"), Atlas::SizeColumn).data().toString(), QString());
        model.removeImage(QStringLiteral("app:1"));
        QCOMPARE(model.usedBy(QStringLiteral("sha256:bbb")), QStringList{QStringLiteral("app:2")});
        QCOMPARE(model.usedBy(QStringLiteral("sha256:ccc")), QStringList());
        model.clear();
        QCOMPARE(dump(model, {Atlas::NameColumn, Atlas::KindColumn}),
                 QStringLiteral("Images | 0 images\nSnapshots | 0 snapshots\n"));
    }

    void filterByKeyImageAndFolder()
    {
        AtlasModel model;
        AtlasFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(m_store);
        const QList<int> names{Atlas::NameColumn};

        proxy.setFilterText(QStringLiteral("TOOL"));
        QCOMPARE(dump(proxy, names), QStringLiteral("Images\n"
                                                    "  tool:2\n"
                                                    "    sha256:aaa\n"
                                                    "    sha256:ddd\n"
                                                    "      look\n"
                                                    "Snapshots\n"
                                                    "  sha256:aaa\n"
                                                    "    sha256:ddd\n"));
        // A folder number matches exactly, not as part of a key.
        proxy.setFilterText(QStringLiteral("5"));
        QCOMPARE(dump(proxy, names), QStringLiteral("Images\n"
                                                    "  app:1\n"
                                                    "    sha256:ccc\n"
                                                    "Snapshots\n"
                                                    "  sha256:aaa\n"
                                                    "    sha256:bbb\n"
                                                    "      sha256:ccc\n"));
        proxy.setFilterText(QStringLiteral("scratch"));
        QCOMPARE(dump(proxy, names), QStringLiteral("Images\n"
                                                    "  app:1\n"
                                                    "    sha256:ccc\n"
                                                    "      scratch\n"
                                                    "Snapshots\n"
                                                    "  sha256:aaa\n"
                                                    "    sha256:bbb\n"
                                                    "      sha256:ccc\n"
                                                    "        scratch\n"));
        // Rows that start matching while the filter is set show up.
        model.upsertSnapshot(active(QStringLiteral("scratch-2"), QStringLiteral("sha256:ddd"), QStringLiteral("10")));
        QVERIFY(dump(proxy, names).contains(QLatin1String("    sha256:ddd\n      scratch-2\n")));
        proxy.setFilterText(QStringLiteral("nothing-like-this"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText({});
        QCOMPARE(dump(proxy), dump(model));
    }

    // A snapshot row drags out as the layer editor's MIME type: snapshotter, key and folder.
    void dragCarriesSnapshotItems()
    {
        AtlasModel model;
        AtlasFilterModel proxy;
        proxy.setSourceModel(&model);
        model.setContents(m_store);
        const QModelIndexList hits = proxy.match(proxy.index(0, 0), Atlas::KeyRole, QStringLiteral("scratch"), 1,
                                                 Qt::MatchRecursive | Qt::MatchExactly);
        QCOMPARE(hits.size(), 1);
        QVERIFY(proxy.flags(hits.first()) & Qt::ItemIsDragEnabled);
        QVERIFY(!(proxy.flags(proxy.index(0, 0)) & Qt::ItemIsDragEnabled)); // a branch row is no snapshot
        const QModelIndex row = hits.first();
        std::unique_ptr<QMimeData> data(proxy.mimeData({row, row.siblingAtColumn(1)}));
        QVERIFY(data);
        auto items = SnapshotMime::decode(data->data(SnapshotMime::Type));
        QVERIFY(items.ok());
        QCOMPARE(items->size(), 1); // two columns of one row are one item
        QCOMPARE(items->first().key, QStringLiteral("scratch"));
        QCOMPARE(items->first().snapshotter, QStringLiteral("overlayfs"));
        QVERIFY(items->first().path.endsWith(QLatin1String("/snapshots/7")));
    }

    void sortKeepsBranchesAndLayers()
    {
        AtlasModel model;
        AtlasFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContents(m_store);

        proxy.sort(Atlas::FolderColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Images"));
        const QModelIndex aaa = proxy.index(0, 0, proxy.index(1, 0));
        QCOMPARE(proxy.index(0, 0, aaa).data().toString(), QStringLiteral("sha256:ddd"));
        QCOMPARE(proxy.index(1, 0, aaa).data().toString(), QStringLiteral("sha256:bbb"));

        // By name, an image's layers sort by position, not by key.
        AtlasImage mixed;
        mixed.record.name = QStringLiteral("mixed:1");
        mixed.layerKeys = QStringList{QStringLiteral("sha256:ddd"), QStringLiteral("sha256:aaa")};
        model.upsertImage(mixed);
        proxy.sort(Atlas::NameColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Images"));
        const QModelIndex mixedRow = proxy.index(2, 0, proxy.index(0, 0));
        QCOMPARE(mixedRow.data().toString(), QStringLiteral("mixed:1"));
        QCOMPARE(proxy.index(0, 0, mixedRow).data().toString(), QStringLiteral("sha256:ddd"));
        QCOMPARE(proxy.index(1, 0, mixedRow).data().toString(), QStringLiteral("sha256:aaa"));
        proxy.sort(Atlas::NameColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Images"));
        QCOMPARE(proxy.index(0, 0, proxy.index(0, 0)).data().toString(), QStringLiteral("tool:2"));
    }
};

QTEST_GUILESS_MAIN(TestAtlasModel)
#include "tst_atlasmodel.moc"
