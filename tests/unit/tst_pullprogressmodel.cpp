// PullProgressModel: the Pull dialog's rows, fed the events a pull of a two-layer image sends.

#include "pull/pullprogressmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

namespace {

using Stage = PullEvent::Stage;
using RowState = PullProgressModel::RowState;

const QString kRef = QStringLiteral("registry.test/team/app:1.0");
const QString kManifest = QStringLiteral("sha256:1111111111111111aaaa");
const QString kBase = QStringLiteral("sha256:2222222222222222bbbb");
const QString kTop = QStringLiteral("sha256:3333333333333333cccc");
constexpr qint64 kMiB = 1024 * 1024;

PullEvent pullEvent(Stage stage, const QString &kind, const QString &digest, int layer = -1, qint64 offset = 0,
                qint64 total = 0, const QString &chainId = {})
{
    return {stage, kind, digest, layer, offset, total, chainId};
}

} // namespace

class TestPullProgressModel : public QObject
{
    Q_OBJECT

    qint64 m_now = 0;

    // A model on the test's clock, checked by the tester from its first row on.
    struct Fixture
    {
        PullProgressModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

    static QString text(const PullProgressModel &m, int row, int column)
    {
        return m.index(row, column).data().toString();
    }

    static QVariant role(const PullProgressModel &m, int row, int r)
    {
        return m.index(row, 0).data(r);
    }

    static int state(const PullProgressModel &m, int row) { return role(m, row, PullProgressModel::StateRole).toInt(); }

    // Resolving, the manifest stored, both layers queued: what a pull says before any byte of a layer.
    void start(PullProgressModel &m)
    {
        m.setClock([this] { return m_now; });
        m.apply(pullEvent(Stage::Resolving, QStringLiteral("image"), kRef));
        m.apply(pullEvent(Stage::Stored, QStringLiteral("manifest"), kManifest, -1, 700, 700));
        m.apply(pullEvent(Stage::Waiting, QStringLiteral("layer"), kBase, 0, 0, 2 * kMiB));
        m.apply(pullEvent(Stage::Waiting, QStringLiteral("layer"), kTop, 1, 0, kMiB));
    }

private Q_SLOTS:
    void init() { m_now = 0; }

    void rowsFollowAPullToTheEnd()
    {
        Fixture f;
        PullProgressModel &m = f.model;
        start(m);
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.columnCount(), int(PullProgressModel::ColumnCount));
        QCOMPARE(m.headerData(PullProgressModel::TimeLeft, Qt::Horizontal, Qt::DisplayRole).toString(), QStringLiteral("Time left"));

        // Once anything else is heard of, the reference was resolved.
        QCOMPARE(text(m, 0, PullProgressModel::What), QStringLiteral("image"));
        QCOMPARE(text(m, 0, PullProgressModel::Digest), kRef);
        QCOMPARE(text(m, 0, PullProgressModel::Stage), QStringLiteral("resolved"));
        QCOMPARE(state(m, 0), int(RowState::Done));
        QCOMPARE(text(m, 1, PullProgressModel::What), QStringLiteral("manifest"));
        QCOMPARE(text(m, 1, PullProgressModel::Digest), QStringLiteral("111111111111"));
        QCOMPARE(text(m, 1, PullProgressModel::Progress), QStringLiteral("700 bytes"));
        QCOMPARE(state(m, 1), int(RowState::Done));
        QCOMPARE(text(m, 2, PullProgressModel::What), QStringLiteral("layer 1"));
        QCOMPARE(text(m, 2, PullProgressModel::Stage), QStringLiteral("waiting"));
        QCOMPARE(role(m, 2, PullProgressModel::PercentRole).toInt(), 0);
        QCOMPARE(text(m, 3, PullProgressModel::What), QStringLiteral("layer 2"));

        // Layer 1 downloads 1 MiB in the first second: half of it, at 1 MiB/s, 1 s to go.
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.apply(pullEvent(Stage::Downloading, QStringLiteral("layer"), kBase, 0, 0, 2 * kMiB));
        m_now = 1000;
        m.apply(pullEvent(Stage::Downloading, QStringLiteral("layer"), kBase, 0, kMiB, 2 * kMiB));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 2);
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(text(m, 2, PullProgressModel::Stage), QStringLiteral("downloading"));
        QCOMPARE(text(m, 2, PullProgressModel::Progress), QStringLiteral("1.0 MiB of 2.0 MiB"));
        QCOMPARE(role(m, 2, PullProgressModel::PercentRole).toInt(), 50);
        QCOMPARE(text(m, 2, PullProgressModel::Rate), QStringLiteral("1.0 MiB/s"));
        QCOMPARE(text(m, 2, PullProgressModel::TimeLeft), QStringLiteral("1 s"));
        QCOMPARE(role(m, 2, PullProgressModel::SecondsLeftRole).toLongLong(), 1);
        QCOMPARE(m.bytesDone(), 700 + kMiB);
        QCOMPARE(m.bytesTotal(), 700 + 3 * kMiB);
        QCOMPARE(m.secondsLeft(), 1); // layer 2 has not started: only layer 1's MiB is timed
        QVERIFY(text(m, 3, PullProgressModel::Rate).isEmpty());

        // Stored is not the end of a layer that is unpacked next.
        m_now = 2000;
        m.apply(pullEvent(Stage::Verifying, QStringLiteral("layer"), kBase, 0, 2 * kMiB, 2 * kMiB));
        m.apply(pullEvent(Stage::Stored, QStringLiteral("layer"), kBase, 0, 2 * kMiB, 2 * kMiB));
        QCOMPARE(text(m, 2, PullProgressModel::Stage), QStringLiteral("stored"));
        QCOMPARE(text(m, 2, PullProgressModel::Progress), QStringLiteral("2.0 MiB"));
        QCOMPARE(role(m, 2, PullProgressModel::PercentRole).toInt(), 100);
        QVERIFY(text(m, 2, PullProgressModel::TimeLeft).isEmpty());
        QCOMPARE(state(m, 2), int(RowState::Active));
        m.apply(pullEvent(Stage::Unpacking, QStringLiteral("layer"), kBase, 0, 0, 2 * kMiB, QStringLiteral("sha256:c1")));
        m.apply(pullEvent(Stage::Unpacked, QStringLiteral("layer"), kBase, 0, 2 * kMiB, 2 * kMiB, QStringLiteral("sha256:c1")));
        QCOMPARE(text(m, 2, PullProgressModel::Stage), QStringLiteral("unpacked"));
        QCOMPARE(state(m, 2), int(RowState::Done));
        QCOMPARE(text(m, 2, PullProgressModel::Rate), QStringLiteral("1.0 MiB/s")); // the download's average stays

        // Layer 2's blob was in the store already; its snapshot is made all the same.
        m.apply(pullEvent(Stage::AlreadyPresent, QStringLiteral("layer"), kTop, 1, kMiB, kMiB));
        QCOMPARE(text(m, 3, PullProgressModel::Stage), QStringLiteral("already present"));
        QCOMPARE(state(m, 3), int(RowState::Active));
        m.apply(pullEvent(Stage::Unpacked, QStringLiteral("layer"), kTop, 1, kMiB, kMiB, QStringLiteral("sha256:c2")));
        QCOMPARE(state(m, 3), int(RowState::Done));

        m.finish(RowState::Done);
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.doneRows(), 4);
        for (int row = 0; row < m.rowCount(); ++row)
            QCOMPARE(role(m, row, PullProgressModel::PercentRole).toInt(), 100);
        QCOMPARE(m.bytesDone(), m.bytesTotal());
        QCOMPARE(m.secondsLeft(), -1);
        QCOMPARE(m.rate(), double(2 * kMiB) / 2.0); // 2 MiB downloaded over the 2 s since the first byte
    }

    void cancelMarksTheRowsStillRunning()
    {
        Fixture f;
        PullProgressModel &m = f.model;
        start(m);
        m.apply(pullEvent(Stage::Downloading, QStringLiteral("layer"), kBase, 0, 0, 2 * kMiB));
        m_now = 500;
        m.apply(pullEvent(Stage::Downloading, QStringLiteral("layer"), kBase, 0, kMiB / 2, 2 * kMiB));
        QCOMPARE(role(m, 2, PullProgressModel::PercentRole).toInt(), 25);
        m.finish(RowState::Cancelled);
        QCOMPARE(text(m, 1, PullProgressModel::Stage), QStringLiteral("stored"));
        QCOMPARE(state(m, 1), int(RowState::Done));
        for (int row : {2, 3}) {
            QCOMPARE(text(m, row, PullProgressModel::Stage), QStringLiteral("cancelled"));
            QCOMPARE(state(m, row), int(RowState::Cancelled));
            QVERIFY(text(m, row, PullProgressModel::TimeLeft).isEmpty());
        }
        QCOMPARE(role(m, 2, PullProgressModel::PercentRole).toInt(), 25); // where it stopped
        QCOMPARE(m.doneRows(), 2);
    }

    void failureAndAnotherPull()
    {
        Fixture f;
        PullProgressModel &m = f.model;
        m.setClock([this] { return m_now; });
        m.apply(pullEvent(Stage::Resolving, QStringLiteral("image"), kRef));
        QCOMPARE(text(m, 0, PullProgressModel::Stage), QStringLiteral("resolving"));
        QCOMPARE(role(m, 0, PullProgressModel::PercentRole).toInt(), -1); // a busy bar
        m.finish(RowState::Failed);
        QCOMPARE(text(m, 0, PullProgressModel::Stage), QStringLiteral("failed"));

        m.clear();
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.rate(), 0.0);
        start(m);
        QCOMPARE(m.rowCount(), 4);
    }

    // Without unpacking, a stored layer is done; a layer listed twice in a manifest is two rows.
    void storedIsTheEndWithoutUnpacking()
    {
        Fixture f;
        PullProgressModel &m = f.model;
        m.setUnpacking(false);
        start(m);
        m.apply(pullEvent(Stage::Stored, QStringLiteral("layer"), kBase, 0, 2 * kMiB, 2 * kMiB));
        QCOMPARE(state(m, 2), int(RowState::Done));
        m.apply(pullEvent(Stage::AlreadyPresent, QStringLiteral("layer"), kBase, 1, 2 * kMiB, 2 * kMiB));
        QCOMPARE(m.rowCount(), 5);
        QCOMPARE(text(m, 4, PullProgressModel::What), QStringLiteral("layer 2"));
        QCOMPARE(state(m, 4), int(RowState::Done));
    }

    void durations()
    {
        QCOMPARE(PullProgressModel::durationText(0), QStringLiteral("0 s"));
        QCOMPARE(PullProgressModel::durationText(125), QStringLiteral("2 min 5 s"));
        QCOMPARE(PullProgressModel::durationText(3840), QStringLiteral("1 h 4 min"));
    }
};

QTEST_GUILESS_MAIN(TestPullProgressModel)
#include "tst_pullprogressmodel.moc"
