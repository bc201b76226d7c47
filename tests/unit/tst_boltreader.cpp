// BoltReader against files written by tests/unit/tst_boltwriter.h and by containerd itself
// (tests/fixtures/bolt, made by make-fixtures.sh), and against deliberate corruptions.

#include "processstatus.h"
#include "why.h"
#include "bolt/boltentry.h"
#include "bolt/boltreader.h"
#include "bolt/snapshotterdb.h"
#include "tst_boltwriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <functional>
#include <thread>

using namespace strata;
using strata::test::why;

namespace {

QString writeFile(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("meta.db"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/bolt/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

// QVERIFY2 evaluates its message even on success, so it must not touch a missing error.

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

SnapshotRecord record(const QString &key, quint64 id, SnapshotKind kind, const QString &parent = {})
{
    SnapshotRecord r;
    r.key = key;
    SnapshotterDb::splitKey(r.key, r.namespaceName, r.name);
    r.id = id;
    r.kind = kind;
    r.parent = parent;
    r.created = at(1700000000000 + qint64(id) * 1001);
    r.updated = at(1700000000500 + qint64(id) * 1001);
    if (kind == SnapshotKind::Committed) {
        r.size = qint64(id) * 4096 - 7;
        r.inodes = qint64(id) + 3;
    }
    return r;
}

// A snapshotter db with `count` snapshots in a chain of committed layers plus actives, so that
// v1/snapshots needs branch pages at small page sizes; snapshot 2 carries large labels.
QList<SnapshotRecord> sampleRecords(int count)
{
    QList<SnapshotRecord> out;
    for (int i = 1; i <= count; ++i) {
        const bool committed = i % 3 != 0;
        const QString key = QStringLiteral("default/%1/snap-%2").arg(i + 100).arg(i, 5, 10, QLatin1Char('0'));
        SnapshotRecord r = record(key, quint64(i), committed ? SnapshotKind::Committed : SnapshotKind::Active,
                                  i > 1 ? out[(i - 2) / 3 * 3].key : QString());
        if (i % 5 == 0) // labelled snapshots are buckets of their own; the rest stay inline
            r.labels.insert(QStringLiteral("containerd.io/gc.root"), QStringLiteral("x%1").arg(i));
        if (i == 2) {
            r.labels.insert(QStringLiteral("big1"), QString(4000, QLatin1Char('a')));
            r.labels.insert(QStringLiteral("big2"), QString(4000, QLatin1Char('b')));
            r.labels.insert(QStringLiteral("big3"), QString(6000, QLatin1Char('c'))); // > a 4 KiB page
        }
        out.append(r);
    }
    return out;
}

quint64 idOf(const QList<SnapshotRecord> &records, const QString &key)
{
    for (const auto &r : records) {
        if (r.key == key)
            return r.id;
    }
    return 0;
}

QByteArray writeRecords(BoltWriter &w, const QList<SnapshotRecord> &records, quint64 txid = 7)
{
    for (const auto &r : records)
        BoltWriter::putSnapshot(w.root(), r, r.parent.isEmpty() ? 0 : idOf(records, r.parent));
    return w.write(txid);
}

qsizetype pageOffset(const BoltWriter &w, quint64 id)
{
    return qsizetype(id) * w.pageSize();
}

// File offset of the value of the first key in the first leaf page of `bucketPath`.
qsizetype firstLeafValue(const QByteArray &file, const BoltWriter &w, const QByteArray &bucketPath)
{
    const qsizetype element = pageOffset(w, w.pagesOf(bucketPath, 0x02).first().id) + 16;
    return element + qFromLittleEndian<quint32>(file.constData() + element + 4)
           + qFromLittleEndian<quint32>(file.constData() + element + 8);
}

} // namespace

class TstBoltReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void openFromDisk_data();
    void openFromDisk();
    void bucketApi();
    void emptyFile();
    void metaFallback();
    void corruption_data();
    void corruption();
    void truncation_data();
    void truncation();
    void realFixtureStructure();
    void liveFileIsReadConsistently();
    void metaBeyondThePrefixOnDisk();
    void damagedHugeFileStaysSmall();
};

void TstBoltReader::roundTrip_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<int>("count");
    QTest::newRow("4k, few") << 4096 << 5;
    QTest::newRow("4k, branch pages") << 4096 << 400;
    QTest::newRow("1k, deep tree") << 1024 << 3000;
    QTest::newRow("16k") << 16384 << 1000;
}

void TstBoltReader::roundTrip()
{
    QFETCH(int, pageSize);
    QFETCH(int, count);
    const auto records = sampleRecords(count);
    BoltWriter w{quint32(pageSize)};
    auto reader = BoltReader::fromBytes(writeRecords(w, records), QStringLiteral("roundtrip"));
    QVERIFY2(reader.ok(), why(reader));
    QCOMPARE(reader->meta().pageSize, quint32(pageSize));
    if (count > 100)
        QVERIFY(reader->stats().branchPages > 0);
    QCOMPARE(reader->stats().overflowPages > 0, pageSize < 6000);
    QVERIFY(reader->stats().inlineBuckets > 0);

    auto db = SnapshotterDb::decode(*reader);
    QVERIFY2(db.ok(), why(db));
    QCOMPARE(db->records().size(), records.size());
    for (const auto &r : records) {
        const SnapshotRecord *got = db->find(r.key);
        QVERIFY2(got, qPrintable(r.key));
        QCOMPARE(*got, r);
    }
    QCOMPARE(db->sequence(), quint64(count));
    QCOMPARE(db->parentLinks().size(), count - 1);
    for (const auto &link : db->parentLinks()) {
        const SnapshotRecord *child = db->find(link.childKey);
        QVERIFY(child);
        QCOMPARE(child->id, link.childId);
        QCOMPARE(idOf(records, child->parent), link.parentId);
    }
}

void TstBoltReader::openFromDisk_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("4k") << 4096;
    QTest::newRow("1k") << 1024;
    QTest::newRow("64k: meta 1 past the first read") << 65536;
}

void TstBoltReader::openFromDisk()
{
    // open() reads only the pages the tree reaches; what lies beyond (here junk standing in
    // for meta.db's free pages) is never looked at, and the result is the same as a full read.
    QFETCH(int, pageSize);
    const auto records = sampleRecords(500);
    BoltWriter w{quint32(pageSize)};
    const QByteArray bytes = writeRecords(w, records);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metadata.db"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.write(QByteArray(4 * 1024 * 1024, char(0xa5)));
    }
    auto opened = BoltReader::open(path);
    QVERIFY2(opened.ok(), why(opened));
    auto whole = BoltReader::fromBytes(bytes);
    QVERIFY2(whole.ok(), why(whole));
    QCOMPARE(opened->meta().pageSize, quint32(pageSize));
    QCOMPARE(opened->stats().keys, whole->stats().keys);
    QCOMPARE(opened->stats().overflowPages, whole->stats().overflowPages);
    auto db = SnapshotterDb::decode(*opened);
    QVERIFY2(db.ok(), why(db));
    QCOMPARE(db->records().size(), records.size());
    for (const auto &r : records)
        QCOMPARE(*db->find(r.key), r);
}

void TstBoltReader::bucketApi()
{
    BoltWriter w;
    auto &b = w.root().bucket("b");
    b.sequence = 42;
    for (int i = 0; i < 500; ++i)
        b.put(QByteArray::number(i).rightJustified(4, '0'), QByteArray(i % 50, char('a' + i % 26)));
    b.bucket("nested").put("k", "v");
    w.root().put("plain", "value");
    auto reader = BoltReader::fromBytes(w.write());
    QVERIFY2(reader.ok(), why(reader));
    const BoltBucket root = reader->root();

    QCOMPARE(root.get("plain").value(), std::optional<QByteArray>("value"));
    QCOMPARE(root.get("missing").value(), std::nullopt);
    QCOMPARE(root.get("b").value(), std::nullopt);           // a bucket is not a value
    QVERIFY(!root.bucket("plain").value().has_value());      // a value is not a bucket
    auto bucket = root.bucket("b").value();
    QVERIFY(bucket);
    QCOMPARE(bucket->sequence(), quint64(42));
    QVERIFY(bucket->rootPage() != 0);
    QCOMPARE(bucket->path(), QStringLiteral("b"));
    for (int i : {0, 1, 137, 499})
        QCOMPARE(bucket->get(QByteArray::number(i).rightJustified(4, '0')).value(), QByteArray(i % 50, char('a' + i % 26)));
    QCOMPARE(bucket->get("0500").value(), std::nullopt);
    QCOMPARE(bucket->get("").value(), std::nullopt);

    auto entries = bucket->entries();
    QVERIFY(entries.ok());
    QCOMPARE(entries->size(), 501);
    for (qsizetype i = 1; i < entries->size(); ++i)
        QVERIFY((*entries)[i - 1].key < (*entries)[i].key);
    QVERIFY(entries->last().isBucket());
    QCOMPARE(entries->last().key, QByteArray("nested"));
    QCOMPARE(entries->last().bucket->rootPage(), quint64(0)); // small: inline
    QCOMPARE(entries->last().bucket->get("k").value(), std::optional<QByteArray>("v"));
    QCOMPARE(entries->last().bucket->path(), QStringLiteral("b/nested"));

    int seen = 0;
    auto stopped = bucket->forEach([&](const BoltEntry &) {
        return ++seen == 3 ? Status(Error{Error::Cancelled, QStringLiteral("enough")}) : success();
    });
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.error().code, int(Error::Cancelled));
    QCOMPARE(seen, 3);
}

void TstBoltReader::emptyFile()
{
    BoltWriter w;
    auto reader = BoltReader::fromBytes(w.write());
    QVERIFY2(reader.ok(), why(reader));
    QCOMPARE(reader->root().entries()->size(), 0);
    auto db = SnapshotterDb::decode(*reader);
    QVERIFY(db.ok());
    QVERIFY(db->records().isEmpty());
}

void TstBoltReader::metaFallback()
{
    BoltWriter w;
    w.root().put("k", "v");
    QByteArray file = w.write(11);
    auto both = BoltReader::fromBytes(file);
    QVERIFY(both.ok());
    QCOMPARE(both->metaIndex(), 0);
    QCOMPARE(both->meta().txid, quint64(11));

    file[16 + 56] = char(file[16 + 56] ^ 0x5a); // meta 0's checksum
    auto fallback = BoltReader::fromBytes(file);
    QVERIFY2(fallback.ok(), why(fallback));
    QCOMPARE(fallback->metaIndex(), 1);
    QCOMPARE(fallback->meta().txid, quint64(10));
    QCOMPARE(fallback->root().get("k").value(), std::optional<QByteArray>("v"));

    // Meta 1 found without meta 0 telling the page size.
    BoltWriter big{16384};
    big.root().put("k", "v");
    QByteArray bigFile = big.write();
    BoltWriter::putU32(bigFile, 16, 0);
    auto found = BoltReader::fromBytes(bigFile);
    QVERIFY2(found.ok(), why(found));
    QCOMPARE(found->meta().pageSize, 16384u);
    QCOMPARE(found->metaIndex(), 1);
}

using Mutation = std::function<void(QByteArray &file, const BoltWriter &w)>;
Q_DECLARE_METATYPE(Mutation)

void TstBoltReader::corruption_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("expected");

    const auto leafOfRoot = [](const BoltWriter &w) { return w.pagesOf("", 0x02).first().id; };
    const auto snapshotsBranch = [](const BoltWriter &w) { return w.pagesOf("v1/snapshots", 0x01).first().id; };

    QTest::newRow("bad magic, both metas") << Mutation([](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU32(f, 16, 0x12345678);
        BoltWriter::putU32(f, pageOffset(w, 1) + 16, 0x12345678);
    }) << "bad magic 0x12345678";
    QTest::newRow("bad checksum, both metas") << Mutation([](QByteArray &f, const BoltWriter &w) {
        f[16 + 48] = char(f[16 + 48] + 1);
        f[pageOffset(w, 1) + 16 + 48] = char(f[pageOffset(w, 1) + 16 + 48] + 1);
    }) << "checksum mismatch";
    QTest::newRow("bad version") << Mutation([](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU32(f, 20, 3);
        BoltWriter::putU32(f, pageOffset(w, 1) + 20, 3);
    }) << "unsupported version 3";
    QTest::newRow("absurd page size (resealed)") << Mutation([](QByteArray &f, const BoltWriter &w) {
        for (qsizetype m : {qsizetype(0), pageOffset(w, 1)}) {
            BoltWriter::putU32(f, m + 24, 7);
            BoltWriter::resealMeta(f, m);
        }
    }) << "absurd page size 7";
    QTest::newRow("root page beyond high water (resealed)") << Mutation([](QByteArray &f, const BoltWriter &w) {
        for (qsizetype m : {qsizetype(0), pageOffset(w, 1)}) {
            BoltWriter::putU64(f, m + 32, 99999);
            BoltWriter::resealMeta(f, m);
        }
    }) << "root page 99999";
    QTest::newRow("branch child past high water") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU64(f, pageOffset(w, snapshotsBranch(w)) + 16 + 8, 1u << 30);
    }) << "page id 1073741824 is not in";
    QTest::newRow("page past end of file") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const quint64 last = w.pages().last().id;
        BoltWriter::putU64(f, pageOffset(w, snapshotsBranch(w)) + 16 + 8, last);
        f.truncate(pageOffset(w, last));
    }) << "lies past the end of the file";
    QTest::newRow("page cycle") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const quint64 branch = snapshotsBranch(w);
        BoltWriter::putU64(f, pageOffset(w, branch) + 16 + 16 + 8, branch);
    }) << "is reached twice";
    QTest::newRow("shared subtree") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype b = pageOffset(w, snapshotsBranch(w));
        BoltWriter::putU64(f, b + 16 + 16 + 8, qFromLittleEndian<quint64>(f.constData() + b + 16 + 8));
    }) << "is reached twice";
    QTest::newRow("absurd count") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU16(f, pageOffset(w, leafOfRoot(w)) + 10, 0xffff);
    }) << "65535 elements do not fit";
    QTest::newRow("absurd overflow") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU32(f, pageOffset(w, leafOfRoot(w)) + 12, 0xffffffff);
    }) << "overflow of 4294967295 pages";
    QTest::newRow("element pos outside page") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU32(f, pageOffset(w, leafOfRoot(w)) + 16 + 4, 0xffffff00);
    }) << "reaches past the page";
    QTest::newRow("element key size outside page") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU32(f, pageOffset(w, snapshotsBranch(w)) + 16 + 4, 0x7fffffff);
    }) << "reaches past the page";
    QTest::newRow("bad page flags") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU16(f, pageOffset(w, leafOfRoot(w)) + 8, 0x10);
    }) << "are not a branch or leaf page";
    QTest::newRow("page header names another page") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        BoltWriter::putU64(f, pageOffset(w, leafOfRoot(w)), 2);
    }) << "header says it is page 2";
    QTest::newRow("keys out of order") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype element = pageOffset(w, w.pagesOf("v1/snapshots", 0x02).first().id) + 16 + 16;
        f[element + qFromLittleEndian<quint32>(f.constData() + element + 4)] = 'z'; // key 1 > key 2
    }) << "is not after";
    QTest::newRow("bucket value too short") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        // Mark the root's plain value "zz" as a bucket: its 2-byte value cannot be one.
        const qsizetype leaf = pageOffset(w, leafOfRoot(w));
        const int count = qFromLittleEndian<quint16>(f.constData() + leaf + 10);
        BoltWriter::putU32(f, leaf + 16 + 16 * (count - 1), 1);
    }) << "header of 2 bytes, need 16";
    QTest::newRow("inline page with overflow") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype v = firstLeafValue(f, w, "v1/snapshots"); // snap-00001, inline
        BoltWriter::putU32(f, v + 16 + 12, 3);
    }) << "inline page claims 3 overflow pages";
    QTest::newRow("bad id varint") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype v = firstLeafValue(f, w, "v1/snapshots"); // snap-00001, inline
        const qsizetype id = f.indexOf("id", v) + 2; // the id value follows its key
        f[id] = char(0x80);                          // continuation bit on the last byte
    }) << "field id: truncated varint";
    QTest::newRow("bad time encoding") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype v = firstLeafValue(f, w, "v1/snapshots"); // snap-00001, inline
        const qsizetype t = f.indexOf("createdat", v) + 9;
        f[t] = 7;
    }) << "field createdat: time encoding version 7";
    QTest::newRow("bad time nanoseconds") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype v = firstLeafValue(f, w, "v1/snapshots"); // snap-00001, inline
        const qsizetype t = f.indexOf("updatedat", v) + 9;
        qToBigEndian(qint32(1000000000), f.data() + t + 9);
    }) << "field updatedat: time nanoseconds 1000000000";
    QTest::newRow("bad size varint") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        const qsizetype v = firstLeafValue(f, w, "v1/snapshots"); // snap-00001, inline
        const qsizetype s = f.indexOf("size", v) + 4;
        f[s] = char(0xff); // both bytes of the size varint say "more follows"
        f[s + 1] = char(0xff);
    }) << "field size: truncated varint";
    QTest::newRow("parents key without separator") << Mutation([=](QByteArray &f, const BoltWriter &w) {
        // The first parents key, 01 00 02, becomes 00 7f 02: still sorted first, no separator.
        const qsizetype element = pageOffset(w, w.pagesOf("v1/parents", 0x02).first().id) + 16;
        const qsizetype key = element + qFromLittleEndian<quint32>(f.constData() + element + 4);
        f[key] = 0x00;
        f[key + 1] = 0x7f;
    }) << "no 0 byte after the parent id";
}

void TstBoltReader::corruption()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, expected);
    auto records = sampleRecords(400);
    BoltWriter w;
    for (const auto &r : records)
        BoltWriter::putSnapshot(w.root(), r, r.parent.isEmpty() ? 0 : idOf(records, r.parent));
    w.root().put("zz", "ab");
    QByteArray file = w.write();
    QVERIFY(SnapshotterDb::decode(BoltReader::fromBytes(file).value()).ok()); // intact first
    mutate(file, w);

    auto reader = BoltReader::fromBytes(file, QStringLiteral("corrupt.db"));
    const Error error = reader.ok() ? [&] {
        auto db = SnapshotterDb::decode(*reader);
        return db.ok() ? Error{Error::Ok, {}} : db.error();
    }() : reader.error();
    QCOMPARE(error.code, int(Error::Corrupt));
    QVERIFY2(error.message.contains(expected), qPrintable(error.message));

    // The same file on disk, read page by page, fails the same way.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.db"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
    }
    auto opened = SnapshotterDb::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, int(Error::Corrupt));
    QVERIFY2(opened.error().message.contains(expected), qPrintable(opened.error().message));
}

void TstBoltReader::truncation_data()
{
    QTest::addColumn<int>("length");
    for (int n : {0, 1, 15, 79, 100, 4095, 4096, 4096 + 80, 8192, 8192 + 100, 12288, 20000, 40000, 65536})
        QTest::newRow(qPrintable(QString::number(n))) << n;
}

void TstBoltReader::truncation()
{
    QFETCH(int, length);
    const QByteArray full = fixture(QStringLiteral("snapshotter-metadata.db"));
    QVERIFY(length < full.size());
    auto reader = BoltReader::fromBytes(full.left(length), QStringLiteral("cut.db"));
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error().code, int(Error::Corrupt));
    QVERIFY2(reader.error().message.startsWith(QStringLiteral("cut.db: ")), why(reader));
}

void TstBoltReader::realFixtureStructure()
{
    for (const char *name : {"snapshotter-metadata.db", "meta.db"}) {
        auto reader = BoltReader::fromBytes(fixture(QLatin1String(name)), QLatin1String(name));
        QVERIFY2(reader.ok(), why(reader));
        QCOMPARE(reader->meta().pageSize, 4096u);
        QVERIFY(reader->stats().branchPages > 0);
        QVERIFY(reader->stats().inlineBuckets > 0);
        QVERIFY(reader->stats().buckets > reader->stats().inlineBuckets);
    }
    auto reader = BoltReader::fromBytes(fixture(QStringLiteral("snapshotter-metadata.db")));
    // The three 4000-byte labels of "mid" sit on a leaf with overflow pages.
    QVERIFY(reader->stats().overflowPages > 0);
}

void TstBoltReader::liveFileIsReadConsistently()
{
    // A writer flips the file between two states the way bbolt commits: the new state's pages
    // go where the current state has none, then the meta pages. Every read must see one whole
    // state, never a mix and never an error.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metadata.db"));
    const auto small = sampleRecords(50);
    const auto large = sampleRecords(300);
    BoltWriter a;
    const QByteArray fileA = writeRecords(a, small, 7);
    const qsizetype splitAt = fileA.size();
    BoltWriter b{4096, quint64(splitAt / 4096)};
    const QByteArray fileB = writeRecords(b, large, 9);
    const qsizetype metas = 2 * 4096;
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(fileA + fileB.mid(splitAt));
    }
    std::atomic<bool> stop = false;
    std::thread writer([&] {
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite))
            return;
        for (int i = 0; !stop; ++i) {
            const QByteArray &next = i % 2 ? fileA : fileB;
            const qsizetype from = i % 2 ? metas + 4096 : splitAt;
            const qsizetype to = i % 2 ? splitAt : next.size();
            f.seek(from);
            f.write(next.mid(from, to - from));
            f.flush();
            f.seek(0);
            f.write(next.left(metas));
            f.flush();
        }
    });
    QString failure;
    int whole = 0;
    for (int reads = 0; reads < 100 && failure.isEmpty(); ++reads) {
        auto db = SnapshotterDb::open(path);
        if (!db.ok() && db.error().code == Error::Aborted)
            continue; // changed on every attempt: allowed, it is never a wrong answer
        if (!db.ok())
            failure = db.error().message;
        else if (db->records().size() != small.size() && db->records().size() != large.size())
            failure = QStringLiteral("mixed state: %1 records").arg(db->records().size());
        else
            ++whole;
    }
    stop = true;
    writer.join();
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(whole > 0);
}


// Page size 64 KiB with meta 0 damaged: meta 1 lies past the part read up front, and the
// reader must fetch it to find the page size by itself.
void TstBoltReader::metaBeyondThePrefixOnDisk()
{
    BoltWriter big{65536};
    big.root().put("k", "v");
    QByteArray file = big.write();
    BoltWriter::putU32(file, 16, 0);
    QTemporaryDir dir;
    auto opened = BoltReader::open(writeFile(dir, file));
    QVERIFY2(opened.ok(), why(opened));
    QCOMPARE(opened->meta().pageSize, 65536u);
    QCOMPARE(opened->metaIndex(), 1);
    QCOMPARE(opened->root().get("k").value(), std::optional<QByteArray>("v"));
}

// A large file with no valid meta page (here 2 GB of holes) fails after reading the few
// places a meta page can be, not the whole file.
void TstBoltReader::damagedHugeFileStaysSmall()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("meta.db"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(2) << 30));
    }
    const long before = test::processStatusKb("VmRSS:");
    QVERIFY(before > 0);
    auto opened = BoltReader::open(path);
    const long grownKb = test::processStatusKb("VmRSS:") - before;
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, int(Error::Corrupt));
    QVERIFY2(opened.error().message.contains(QLatin1String("no valid meta page")), why(opened));
    QVERIFY2(grownKb < 64 * 1024, qPrintable(QStringLiteral("resident set grew by %1 kB").arg(grownKb)));
}

QTEST_GUILESS_MAIN(TstBoltReader)
#include "tst_boltreader.moc"
