#include "images/imagelistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

namespace {

ImageSummary summary(const QString &name, qint64 size, qint64 unpacked = -1)
{
    ImageSummary s;
    s.record.name = name;
    s.record.digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    s.record.size = 657; // the manifest's own bytes, which the page must not show as the size
    s.record.created = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    s.size = size;
    s.unpacked = unpacked;
    s.platforms = {QStringLiteral("linux/amd64"), QStringLiteral("linux/arm64")};
    s.layers = 3;
    s.topChainId = QStringLiteral("sha256:top-of-") + name;
    return s;
}

QString cell(const ImageListModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role).toString();
}

} // namespace

class TestImageListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnsShowWhatTheImageTakes()
    {
        ImageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setImages({summary(QStringLiteral("a:1"), 2 * 1024 * 1024 + 100 * 1024, 5 * 1024 * 1024)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, ImageListModel::Size), QStringLiteral("2.1 MiB"));
        QCOMPARE(cell(model, 0, ImageListModel::Unpacked), QStringLiteral("5.0 MiB"));
        QCOMPARE(cell(model, 0, ImageListModel::Platforms), QStringLiteral("linux/amd64, linux/arm64"));
        QCOMPARE(cell(model, 0, ImageListModel::Layers), QStringLiteral("3"));
        QCOMPARE(model.index(0, ImageListModel::Size).data(ImageListModel::SortRole).toLongLong(), 2 * 1024 * 1024 + 100 * 1024);
        QCOMPARE(cell(model, 0, ImageListModel::Name, ImageListModel::TopChainIdRole), QStringLiteral("sha256:top-of-a:1"));

        // Unreadable content: the size says so instead of a number, and the tooltip says why.
        ImageSummary broken = summary(QStringLiteral("b:1"), -1);
        broken.layers = -1;
        broken.problem = QStringLiteral("blob not found");
        model.upsert(broken);
        QCOMPARE(cell(model, 1, ImageListModel::Size), QStringLiteral("unknown"));
        QVERIFY(cell(model, 1, ImageListModel::Size, Qt::ToolTipRole).contains(QLatin1String("blob not found")));
        QCOMPARE(cell(model, 1, ImageListModel::Unpacked), QString());
    }

    // Events change rows in place: an update is dataChanged, a new name an insert, a delete a
    // removal, and never a reset.
    void eventsChangeRowsInPlace()
    {
        ImageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setImages({summary(QStringLiteral("a:1"), 10), summary(QStringLiteral("b:1"), 20)});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.upsert(summary(QStringLiteral("b:1"), 2048));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(cell(model, 1, ImageListModel::Size), QStringLiteral("2.0 KiB"));
        model.upsert(summary(QStringLiteral("c:1"), 30));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("c:1")), 2);
        model.remove(QStringLiteral("a:1"));
        QCOMPARE(removed.count(), 1);
        model.remove(QStringLiteral("not-there"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, ImageListModel::Name), QStringLiteral("b:1"));
        QCOMPARE(resets.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImageListModel)
#include "tst_imagelistmodel.moc"
