#include "layerchangestext.h"
#include "tarfixture.h"
#include "why.h"

#include "files/tarchanges.h"

#include <QTest>
#include <QTemporaryFile>

using namespace strata;

namespace {

TarChanges::ChunkSource chunksOf(const QByteArray &bytes, qsizetype chunk = 7)
{
    auto offset = std::make_shared<qsizetype>(0);
    return [bytes, chunk, offset]() -> Result<QByteArray> {
        const QByteArray next = bytes.mid(*offset, chunk);
        *offset += next.size();
        return next;
    };
}

QString render(const LayerChanges &changes)
{
    return test::layerChangesText(changes);
}

const QString kLayer = QStringLiteral(R"(
    d ./etc
    f ./etc/who base
    l etc/link who
    h etc/hard etc/who
    w etc/gone
    o var/cache
    d var/cache/own
    w .oldroot
    p run/fifo
)");

const QString kExpected = QStringLiteral("dir etc\n"
                                         "file etc/who 4\n"
                                         "symlink etc/link -> who\n"
                                         "hardlink etc/hard -> etc/who\n"
                                         "whiteout etc/gone\n"
                                         "opaque var/cache\n"
                                         "dir var/cache/own\n"
                                         "whiteout .oldroot\n"
                                         "fifo run/fifo");

} // namespace

class TestTarChanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindAndRemoval_data()
    {
        QTest::addColumn<QString>("compression");
        for (const char *c : {"none", "gzip", "zstd"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void everyKindAndRemoval()
    {
        QFETCH(QString, compression);
        auto changes = TarChanges::read(chunksOf(test::makeTar(kLayer, compression)));
        QVERIFY2(changes, test::why(changes));
        QCOMPARE(render(*changes), kExpected);
        QCOMPARE(changes->at(1).mode, 0644u);
        QCOMPARE(changes->at(1).mtime, 1700000000);
    }

    void fromAFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(test::makeTar(kLayer, QStringLiteral("gzip")));
        file.close();
        auto changes = TarChanges::readFile(file.fileName());
        QVERIFY2(changes, test::why(changes));
        QCOMPARE(render(*changes), kExpected);
    }

    void relativePaths()
    {
        QCOMPARE(TarChanges::relativePath(QStringLiteral("./a/b/")), QStringLiteral("a/b"));
        QCOMPARE(TarChanges::relativePath(QStringLiteral("/a")), QStringLiteral("a"));
        QCOMPARE(TarChanges::relativePath(QStringLiteral("./")), QString());
        QCOMPARE(TarChanges::relativePath(QStringLiteral(".")), QString());
    }

    void garbageIsCorrupt()
    {
        auto changes = TarChanges::read(chunksOf(QByteArray(4096, 'x')));
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::Corrupt));
    }

    void truncatedIsCorrupt()
    {
        const QByteArray whole = test::makeTar(kLayer + QStringLiteral("\nf big ") + QString(5000, QLatin1Char('z')),
                                               QStringLiteral("gzip"));
        auto changes = TarChanges::read(chunksOf(whole.left(whole.size() / 2)));
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::Corrupt));
    }

    void sourceErrorsComeThrough()
    {
        const QByteArray start = test::makeTar(QStringLiteral("f big ") + QString(5000, QLatin1Char('z'))).left(1024);
        int calls = 0;
        auto changes = TarChanges::read([&]() -> Result<QByteArray> {
            if (++calls > 1)
                return Error{Error::Unavailable, QStringLiteral("the stream broke")};
            return start;
        });
        QVERIFY(!changes);
        QCOMPARE(changes.error().message, QStringLiteral("the stream broke"));
    }

    void cancelStops()
    {
        std::atomic_bool cancel{true};
        auto changes = TarChanges::read(chunksOf(test::makeTar(kLayer)), &cancel);
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::Cancelled));
    }

    void refusesNonRegularFiles()
    {
        auto changes = TarChanges::readFile(QStringLiteral("/dev/zero"));
        QVERIFY(!changes);
        QCOMPARE(changes.error().code, int(Error::InvalidArgument));
    }
};

QTEST_GUILESS_MAIN(TestTarChanges)
#include "tst_tarchanges.moc"
