#include "layers/layeredit.h"
#include "layers/layerfoldersmodel.h"
#include "layers/snapshotmime.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace strata;

namespace {

const QString Root = QStringLiteral(R"(C:\ProgramData\containerd\root\io.containerd.snapshotter.v1.windows\snapshots\)");
const QString OverlayRoot = QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/");
const QString TopKey = QStringLiteral("sha256:e8f3e4fab40f73223eeb701772ecbdcf140d5edb61604f5ec5889a5829212bbe");
const QString BaseKey = QStringLiteral("sha256:14cff146928db34f74c46fc15ab193e1fffbacf8bc96a59c7b82962985e5764c");

QString folder(int n) { return Root + QString::number(n); }

QList<SnapshotFolder> loadStore(const QString &name)
{
    QFile file(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/layers/") + name + QStringLiteral(".store"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto store = SnapshotStore::fromText(QString::fromUtf8(file.readAll()));
    return store ? store->folders() : QList<SnapshotFolder>{};
}

std::unique_ptr<QMimeData> snapshots(const QList<SnapshotMime::Item> &items)
{
    return std::unique_ptr<QMimeData>(SnapshotMime::toMimeData(items));
}

std::unique_ptr<QMimeData> text(const QString &s)
{
    auto data = std::make_unique<QMimeData>();
    data->setText(s);
    return data;
}

QList<LayerFoldersModel::RowState> states(const LayerFoldersModel &m)
{
    QList<LayerFoldersModel::RowState> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << LayerFoldersModel::RowState(m.index(r).data(LayerFoldersModel::StateRole).toInt());
    return out;
}

QStringList rules(const LayerFoldersModel &m, int row)
{
    return m.index(row).data(LayerFoldersModel::RulesRole).toStringList();
}

} // namespace

class TestLayerFoldersModel : public QObject
{
    Q_OBJECT

    using S = LayerFoldersModel::RowState;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("STRATA_FIXTURES"), "run through ctest, which sets STRATA_FIXTURES");
        QVERIFY(!loadStore(QStringLiteral("windows")).isEmpty());
    }

    void mimeRoundTrip()
    {
        const QList<SnapshotMime::Item> items{{QStringLiteral("windows"), TopKey, folder(24)},
                                              {QStringLiteral("windows"), QStringLiteral("servercore-test"), {}}};
        auto decoded = SnapshotMime::decode(SnapshotMime::encode(items));
        QVERIFY(decoded);
        QCOMPARE(*decoded, items);
        auto data = snapshots(items);
        QCOMPARE(data->text(), folder(24)); // only known paths go to text/plain
        QCOMPARE(SnapshotMime::fromMimeData(data.get()), items);

        QVERIFY(!SnapshotMime::decode("{\"key\":1}"));
        QVERIFY(!SnapshotMime::decode("[{\"snapshotter\":\"x\"}]"));
        QVERIFY(!SnapshotMime::decode("[1, "));

        auto plain = text(QStringLiteral("  %1\r\n\n%2/fs \n").arg(OverlayRoot + "24", OverlayRoot + "23"));
        const auto fromText = SnapshotMime::fromMimeData(plain.get());
        QCOMPARE(fromText.size(), 2);
        QCOMPARE(fromText.at(0).path, OverlayRoot + "24");
        QCOMPARE(fromText.at(1).path, OverlayRoot + "23/fs");
        QVERIFY(fromText.at(0).key.isEmpty());
    }

    void editBuilders()
    {
        QCOMPARE(LayerEdit::moveTo({2}, 0, 3).order, (QList<int>{2, 0, 1}));
        QCOMPARE(LayerEdit::moveTo({0}, 3, 3).order, (QList<int>{1, 2, 0}));
        QCOMPARE(LayerEdit::moveTo({0, 2}, 4, 4).order, (QList<int>{1, 3, 0, 2}));
        QVERIFY(LayerEdit::moveTo({1}, 1, 3).isNoOp());
        QVERIFY(LayerEdit::moveTo({1}, 2, 3).isNoOp());
        QCOMPARE(LayerEdit::shift({1, 2}, -1, 4).order, (QList<int>{1, 2, 0, 3}));
        QCOMPARE(LayerEdit::shift({1, 2}, +1, 4).order, (QList<int>{0, 3, 1, 2}));
        QVERIFY(LayerEdit::shift({0, 1}, -1, 3).isNoOp());
        QVERIFY(LayerEdit::shift({2}, +1, 3).isNoOp());
    }

    void dropsValidateEachRow()
    {
        LayerFoldersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy validated(&model, &LayerFoldersModel::validated);

        // No store yet: rows are accepted but not judged.
        auto top = snapshots({{QStringLiteral("windows"), TopKey, folder(24)}});
        QVERIFY(model.canDropMimeData(top.get(), Qt::CopyAction, -1, -1, {}));
        QVERIFY(model.dropMimeData(top.get(), Qt::CopyAction, -1, -1, {}));
        QCOMPARE(states(model), (QList<S>{S::Unchecked}));
        QVERIFY(model.violations().isEmpty());
        QVERIFY(!model.isValid());

        model.setStore(loadStore(QStringLiteral("windows")));
        QCOMPARE(states(model), (QList<S>{S::Violation}));
        QVERIFY(rules(model, 0).contains(QStringLiteral("too-few-layers")));
        QCOMPARE(model.index(0).data(LayerFoldersModel::KeyRole).toString(), TopKey);
        QCOMPARE(model.index(0).data(LayerFoldersModel::KindRole).toInt(), int(SnapshotKind::Committed));
        QCOMPARE(model.index(0).data(LayerFoldersModel::FolderNameRole).toString(), QStringLiteral("24"));

        // The scratch by key alone: the store knows its folder.
        auto scratch = snapshots({{QStringLiteral("windows"), QStringLiteral("servercore-test"), {}}});
        QVERIFY(model.dropMimeData(scratch.get(), Qt::CopyAction, -1, -1, {}));
        QCOMPARE(model.folders(), (QStringList{folder(24), folder(25)}));
        QCOMPARE(states(model), (QList<S>{S::Ok, S::Violation}));
        QCOMPARE(rules(model, 1), (QStringList{QStringLiteral("missing-parent")}));
        QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Parent folder 23")));
        QCOMPARE(model.scratchKey(), QStringLiteral("servercore-test"));

        // Plain text between the rows: the base, dropped on the scratch row goes before it.
        auto base = text(folder(23) + QLatin1Char('\n'));
        QVERIFY(model.dropMimeData(base.get(), Qt::CopyAction, -1, -1, model.index(1)));
        QCOMPARE(model.folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QCOMPARE(states(model), (QList<S>{S::Ok, S::Ok, S::Ok}));
        QVERIFY(model.isValid());
        QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Scratch servercore-test")));
        QVERIFY(validated.count() >= 4);

        // A folder no snapshot uses.
        auto unknown = text(folder(2));
        QVERIFY(model.dropMimeData(unknown.get(), Qt::CopyAction, 0, 0, {}));
        QCOMPARE(rules(model, 0), (QStringList{QStringLiteral("unknown-folder")}));
        QCOMPARE(model.index(0).data(LayerFoldersModel::KeyRole).toString(), QString());

        QVERIFY(!model.canDropMimeData(text(QString()).get(), Qt::CopyAction, -1, -1, {}));
        QVERIFY(!model.dropMimeData(snapshots({{QStringLiteral("windows"), QStringLiteral("no-such"), {}}}).get(),
                                    Qt::CopyAction, -1, -1, {}));
        QCOMPARE(model.rowCount(), 4);
    }

    void internalMoveAndFixOrder()
    {
        LayerFoldersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(loadStore(QStringLiteral("windows")));
        model.resetFolders({folder(24), folder(23), folder(25)});
        QVERIFY(model.isValid());

        // Drag row 0 (24) below row 1: the seed's "curious" order turned base-first.
        QPersistentModelIndex tracked = model.index(0);
        std::unique_ptr<QMimeData> rows(model.mimeData({model.index(0)}));
        QVERIFY(rows->hasFormat(LayerFoldersModel::RowsMimeType));
        QCOMPARE(rows->text(), folder(24));
        QVERIFY(model.dropMimeData(rows.get(), Qt::MoveAction, 2, 0, {}));
        QCOMPARE(model.folders(), (QStringList{folder(23), folder(24), folder(25)}));
        QCOMPARE(tracked.row(), 1);
        QCOMPARE(model.violations().size(), 1);
        QCOMPARE(model.violations().first().rule, QStringLiteral("wrong-order"));
        QVERIFY(model.violations().first().problem.contains(QStringLiteral("looks base-first")));
        QCOMPARE(states(model), (QList<S>{S::Violation, S::Violation, S::Ok}));

        // Another model's rows are folders, not moves.
        LayerFoldersModel other;
        QVERIFY(other.dropMimeData(rows.get(), Qt::CopyAction, -1, -1, {}));
        QCOMPARE(other.folders(), (QStringList{folder(24)}));

        QVERIFY(model.fixOrder());
        QCOMPARE(model.folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QCOMPARE(tracked.row(), 0);
        QVERIFY(model.isValid());
        QVERIFY(!model.fixOrder()); // already right

        // moveRows as views call it, then shifting back.
        QVERIFY(model.moveRows({}, 2, 1, {}, 0));
        QCOMPARE(model.folders(), (QStringList{folder(25), folder(24), folder(23)}));
        QCOMPARE(rules(model, 0), (QStringList{QStringLiteral("scratch-not-last")}));
        QVERIFY(model.shiftRows({0}, +1));
        QVERIFY(model.shiftRows({1}, +1));
        QCOMPARE(model.folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QVERIFY(!model.shiftRows({2}, +1));

        // A foreign layer cannot be fixed by reordering.
        model.resetFolders({folder(24), folder(20), folder(23), folder(25)});
        QVERIFY(!model.fixedStack());
        QVERIFY(!model.fixOrder());
    }

    void removeAndFill()
    {
        LayerFoldersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(loadStore(QStringLiteral("windows")));
        model.resetFolders({folder(24), folder(20), folder(23), folder(20), folder(25)});
        QVERIFY(rules(model, 1).contains(QStringLiteral("duplicate")));
        QVERIFY(model.removeRowList({3, 1}));
        QCOMPARE(model.folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QVERIFY(model.isValid());
        QVERIFY(!model.removeRows(2, 2));

        QVERIFY(model.fillFromScratch(QStringLiteral("my-test")));
        QCOMPARE(model.folders(), (QStringList{folder(20), folder(21)}));
        QVERIFY(model.isValid());
        QVERIFY(!model.fillFromScratch(QStringLiteral("my-test")));          // nothing changes
        QVERIFY(!model.fillFromScratch(TopKey));                             // committed: no scratch
        QVERIFY(!model.fillFromScratch(QStringLiteral("no-such-snapshot")));
        QCOMPARE(model.folders(), (QStringList{folder(20), folder(21)}));
    }

    // What an undo stack does with the handler: edits arrive as values and are applied later;
    // applying the inverse restores the rows exactly.
    void editsAndInverses()
    {
        LayerFoldersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(loadStore(QStringLiteral("overlayfs")));
        QList<LayerEdit> submitted;
        model.setEditHandler([&submitted](const LayerEdit &e) { submitted << e; });

        auto drop = text(OverlayRoot + "24/fs\n" + OverlayRoot + "23/fs\n" + OverlayRoot + "25/fs");
        QVERIFY(model.dropMimeData(drop.get(), Qt::CopyAction, -1, -1, {}));
        QCOMPARE(model.rowCount(), 0); // not applied by the model itself
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().kind, LayerEdit::Kind::Insert);
        QCOMPARE(submitted.first().text, QStringLiteral("Add 3 layers"));

        QList<QStringList> history{model.folders()};
        QList<LayerEdit> inverses;
        auto step = [&](const LayerEdit &e) {
            inverses << model.apply(e);
            history << model.folders();
        };
        step(submitted.takeFirst());
        QVERIFY(model.isValid());
        QVERIFY(model.shiftRows({0}, +1));
        step(submitted.takeFirst());
        QVERIFY(model.removeRows(2, 1));
        step(submitted.takeFirst());
        QVERIFY(model.fillFromScratch(QStringLiteral("my-test")));
        step(submitted.takeFirst());
        QCOMPARE(model.folders(), (QStringList{OverlayRoot + "20", OverlayRoot + "21"}));

        // Undo all the way back, then redo forward again.
        QList<LayerEdit> redos;
        for (int i = int(inverses.size()) - 1; i >= 0; --i) {
            redos.prepend(model.apply(inverses.at(i)));
            QCOMPARE(model.folders(), history.at(i));
        }
        QCOMPARE(model.rowCount(), 0);
        for (int i = 0; i < redos.size(); ++i) {
            model.apply(redos.at(i));
            QCOMPARE(model.folders(), history.at(i + 1));
        }
        QVERIFY(submitted.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLayerFoldersModel)
#include "tst_layerfoldersmodel.moc"
