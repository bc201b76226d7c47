// SnapshotterDb, MetadataDb, ContainerdRoot and GoEncoding against the real files in
// tests/fixtures/bolt and what ctr said about the same containerd state (make-fixtures.sh).

#include "boltfixture.h"
#include "bolt/containerdroot.h"
#include "bolt/goencoding.h"
#include "bolt/metadatadb.h"
#include "bolt/snapshotterdb.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::expectedInfo;
using strata::test::expectedLs;
using strata::test::FakeRoot;
using strata::test::why;

namespace {

QDateTime goTimeText(const QString &s)
{
    return QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

} // namespace

class TstBoltDecoders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshotterDbMatchesCtrLs();
    void folderIdsMatchMounts();
    void backendLabelsAndTimes();
    void parentLinks();
    void metaDbMatchesCtr();
    void metaDbImages();
    void containerdRootLocate_data();
    void containerdRootLocate();
    void foldersJoinNames();
    void windowsPaths();
    void splitKey_data();
    void splitKey();
    void varints_data();
    void varints();
    void goTime_data();
    void goTime();
};

void TstBoltDecoders::snapshotterDbMatchesCtrLs()
{
    auto db = SnapshotterDb::open(test::boltFixture(QStringLiteral("snapshotter-metadata.db")));
    QVERIFY2(db.ok(), why(db));
    const auto ls = expectedLs();
    QMap<QString, const SnapshotRecord *> fixture;
    for (const auto &r : db->records()) {
        QVERIFY2(!r.namespaceName.isEmpty(), qPrintable(r.key)); // all made through the metadata layer
        if (r.namespaceName == QLatin1String("fixture"))
            fixture.insert(r.name, &r);
    }
    QCOMPARE(fixture.keys(), ls.keys());
    QSet<quint64> ids;
    for (auto it = ls.cbegin(); it != ls.cend(); ++it) {
        const SnapshotRecord *r = fixture.value(it.key());
        QCOMPARE(kindName(r->kind), it->kind);
        QString parentNs, parentName;
        SnapshotterDb::splitKey(r->parent, parentNs, parentName);
        QCOMPARE(parentName, it->parent);
        if (!r->parent.isEmpty())
            QCOMPARE(parentNs, QStringLiteral("fixture"));
        QVERIFY(r->id > 0);
        QVERIFY2(!ids.contains(r->id), "folder ids are unique");
        ids.insert(r->id);
        QVERIFY(r->id <= db->sequence());
        QVERIFY(r->created.isValid() && r->updated >= r->created);
        QCOMPARE(r->created.timeSpec(), Qt::UTC);
        if (r->kind == SnapshotKind::Committed)
            QVERIFY(r->inodes > 0); // a committed overlayfs layer has at least its fs/ dir
    }
}

void TstBoltDecoders::folderIdsMatchMounts()
{
    auto db = SnapshotterDb::open(test::boltFixture(QStringLiteral("snapshotter-metadata.db")));
    QVERIFY2(db.ok(), why(db));
    const QString snapshotterRoot = test::boltFixtureLines(QStringLiteral("expected-root.txt")).first()
                                    + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs");
    QMap<QString, SnapshotFolder> byName;
    QMap<QString, QString> parentOf;
    for (const auto &r : db->records()) {
        if (r.namespaceName == QLatin1String("fixture")) {
            byName.insert(r.name, SnapshotterDb::folderOf(r, snapshotterRoot, FolderPathStyle::Posix));
            QString ns, parent;
            SnapshotterDb::splitKey(r.parent, ns, parent);
            parentOf.insert(r.name, parent);
        }
    }
    const QRegularExpression upper(QStringLiteral("upperdir=([^,\\s]+)/fs"));
    const QRegularExpression lower(QStringLiteral("lowerdir=([^,\\s]+)"));
    const QRegularExpression bind(QStringLiteral("mount -t bind (\\S+)/fs "));
    int checked = 0;
    for (const QString &line : test::boltFixtureLines(QStringLiteral("expected-mounts.txt"))) {
        const QString key = line.section(QLatin1Char('\t'), 0, 0);
        const QString mount = line.section(QLatin1Char('\t'), 1);
        QVERIFY2(byName.contains(key), qPrintable(key));
        QStringList chain; // the parents' folders, nearest first
        for (QString p = parentOf.value(key); !p.isEmpty(); p = parentOf.value(p))
            chain.append(byName.value(p).path);

        if (auto m = upper.match(mount); m.hasMatch())
            QCOMPARE(byName.value(key).path, m.captured(1));
        if (auto m = lower.match(mount); m.hasMatch()) {
            QStringList lowers = m.captured(1).split(QLatin1Char(':'));
            for (QString &l : lowers)
                l.chop(3); // "/fs"
            QCOMPARE(lowers, chain);
        } else if (auto b = bind.match(mount); b.hasMatch()) {
            QCOMPARE(QStringList{b.captured(1)}, chain); // a view of one layer binds that layer
        } else {
            QVERIFY2(chain.isEmpty(), qPrintable(line));
        }
        ++checked;
    }
    QVERIFY(checked >= 40);
}

void TstBoltDecoders::backendLabelsAndTimes()
{
    auto db = SnapshotterDb::open(test::boltFixture(QStringLiteral("snapshotter-metadata.db")));
    QVERIFY2(db.ok(), why(db));
    const auto info = expectedInfo();
    for (const auto &r : db->records()) {
        if (r.namespaceName != QLatin1String("fixture"))
            continue;
        // The metadata layer hands the backend only the containerd.io/snapshot/ labels.
        const QJsonObject labels = info.value(r.name).value(QStringLiteral("Labels")).toObject();
        QMap<QString, QString> expected;
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (it.key().startsWith(QLatin1String("containerd.io/snapshot/")))
                expected.insert(it.key(), it.value().toString());
        }
        QCOMPARE(r.labels, expected);
    }
    const SnapshotRecord *mid = nullptr;
    for (const auto &r : db->records())
        mid = r.name == QLatin1String("mid") ? &r : mid;
    QVERIFY(mid);
    QCOMPARE(mid->labels.value(QStringLiteral("containerd.io/snapshot/big2")).size(), 4000);
}

void TstBoltDecoders::parentLinks()
{
    auto db = SnapshotterDb::open(test::boltFixture(QStringLiteral("snapshotter-metadata.db")));
    QVERIFY2(db.ok(), why(db));
    int withParent = 0;
    for (const auto &r : db->records())
        withParent += r.parent.isEmpty() ? 0 : 1;
    QCOMPARE(db->parentLinks().size(), withParent);
    for (const auto &link : db->parentLinks()) {
        const SnapshotRecord *child = db->find(link.childKey);
        QVERIFY2(child, qPrintable(link.childKey));
        QCOMPARE(child->id, link.childId);
        const SnapshotRecord *parent = db->find(child->parent);
        QVERIFY(parent);
        QCOMPARE(parent->id, link.parentId);
    }
}

void TstBoltDecoders::metaDbMatchesCtr()
{
    auto db = MetadataDb::open(test::boltFixture(QStringLiteral("meta.db")));
    QVERIFY2(db.ok(), why(db));
    QCOMPARE(db->namespaces(), test::boltFixtureLines(QStringLiteral("expected-namespaces.txt")));
    QVERIFY(db->schemaVersion() > 0);
    const QString snapshotter = test::boltFixtureLines(QStringLiteral("expected-snapshotter.txt")).first();
    QCOMPARE(db->snapshotters(QStringLiteral("fixture")), QStringList{snapshotter});

    const auto ls = expectedLs();
    const auto info = expectedInfo();
    const auto refs = db->snapshots(QStringLiteral("fixture"), snapshotter);
    QCOMPARE(refs.size(), ls.size());
    for (const auto &ref : refs) {
        QVERIFY2(ls.contains(ref.name), qPrintable(ref.name));
        QCOMPARE(ref.parent, ls.value(ref.name).parent);
        const QJsonObject o = info.value(ref.name);
        QCOMPARE(ref.parent, o.value(QStringLiteral("Parent")).toString());
        QMap<QString, QString> labels;
        const QJsonObject l = o.value(QStringLiteral("Labels")).toObject();
        for (auto it = l.begin(); it != l.end(); ++it)
            labels.insert(it.key(), it.value().toString());
        QCOMPARE(ref.labels, labels);
        // ctr prints nanoseconds; QDateTime keeps milliseconds, truncated as Go's UnixMilli.
        const QDateTime created = goTimeText(o.value(QStringLiteral("Created")).toString());
        QVERIFY2(qAbs(ref.created.msecsTo(created)) <= 1, qPrintable(ref.created.toString(Qt::ISODateWithMs)));
        const QDateTime updated = goTimeText(o.value(QStringLiteral("Updated")).toString());
        QVERIFY(qAbs(ref.updated.msecsTo(updated)) <= 1);
        QString ns, name;
        SnapshotterDb::splitKey(ref.backendKey, ns, name);
        QCOMPARE(ns, QStringLiteral("fixture"));
        QCOMPARE(name, ref.name);
    }
    QCOMPARE(db->snapshots(QStringLiteral("other")).size(), 1);
    QCOMPARE(db->snapshots(QStringLiteral("other")).first().name, QStringLiteral("elsewhere"));
}

void TstBoltDecoders::metaDbImages()
{
    auto db = MetadataDb::open(test::boltFixture(QStringLiteral("meta.db")));
    QVERIFY2(db.ok(), why(db));
    const QStringList lines = test::boltFixtureLines(QStringLiteral("expected-images.txt"));
    QMap<QString, QString> blobSizes; // `ctr content ls`: DIGEST SIZE(e.g. "345B") ...
    for (const QString &line : test::boltFixtureLines(QStringLiteral("expected-content.txt")).mid(1))
        blobSizes.insert(line.section(QLatin1Char('\t'), 0, 0), line.split(QLatin1Char('\t'), Qt::SkipEmptyParts).value(1));
    const auto images = db->images(QStringLiteral("fixture"));
    QCOMPARE(images.size(), lines.size() - 1);
    for (const QString &line : lines.mid(1)) {
        // REF TYPE DIGEST SIZE PLATFORMS LABELS; SIZE is the whole image's, not the target's.
        const QStringList f = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const auto it = std::find_if(images.cbegin(), images.cend(), [&](const ImageRecord &i) { return i.name == f[0]; });
        QVERIFY2(it != images.cend(), qPrintable(f[0]));
        QCOMPARE(it->mediaType, f[1]);
        QCOMPARE(it->digest, f[2]);
        QCOMPARE(QString::number(it->size) + QLatin1Char('B'), blobSizes.value(it->digest));
        QVERIFY(it->created.isValid());
    }
    QVERIFY(db->images(QStringLiteral("other")).isEmpty());
}

void TstBoltDecoders::containerdRootLocate_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("hasRoot");
    QTest::addColumn<bool>("hasMeta");
    QTest::addColumn<QStringList>("snapshotters");
    QTest::newRow("root dir") << "root" << true << true << QStringList{"overlayfs"};
    QTest::newRow("meta.db") << "root/io.containerd.metadata.v1.bolt/meta.db" << true << true << QStringList{"overlayfs"};
    QTest::newRow("metadata.db") << "root/io.containerd.snapshotter.v1.overlayfs/metadata.db" << false << true << QStringList{"overlayfs"};
    QTest::newRow("snapshotter dir") << "root/io.containerd.snapshotter.v1.overlayfs" << false << false << QStringList{"overlayfs"};
}

void TstBoltDecoders::containerdRootLocate()
{
    QFETCH(QString, relative);
    QFETCH(bool, hasRoot);
    QFETCH(bool, hasMeta);
    QFETCH(QStringList, snapshotters);
    FakeRoot fake;
    auto root = ContainerdRoot::locate(fake.dir.filePath(relative));
    QVERIFY2(root.ok(), why(root));
    QCOMPARE(root->rootDir(), hasRoot ? fake.root : QString());
    QCOMPARE(!root->metaDbPath().isEmpty(), hasMeta);
    QCOMPARE(root->snapshotters(), snapshotters);

    QVERIFY(!ContainerdRoot::locate(fake.dir.filePath(QStringLiteral("nowhere"))).ok());
    QVERIFY(!ContainerdRoot::locate(fake.dir.filePath(QStringLiteral("root/io.containerd.content.v1.content"))).ok());
}

void TstBoltDecoders::foldersJoinNames()
{
    FakeRoot fake;
    auto root = ContainerdRoot::locate(fake.root);
    QVERIFY2(root.ok(), why(root));
    const auto ls = expectedLs();

    auto named = root->folders(QStringLiteral("overlayfs"), QStringLiteral("fixture"));
    QVERIFY2(named.ok(), why(named));
    QCOMPARE(named->size(), ls.size());
    auto backend = root->snapshotterDb(QStringLiteral("overlayfs"));
    QVERIFY2(backend.ok(), why(backend));
    for (const SnapshotFolder &f : *named) {
        QVERIFY2(ls.contains(f.key), qPrintable(f.key));
        QCOMPARE(f.parent, ls.value(f.key).parent);
        QCOMPARE(kindName(f.kind), ls.value(f.key).kind);
        QCOMPARE(f.path, fake.snapshotterDir + QStringLiteral("/snapshots/") + f.id);
        const QJsonObject json = f.toJson();
        QCOMPARE(json.keys(), (QStringList{"id", "key", "kind", "parent", "path"}));
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), ls.value(f.key).kind);
        bool found = false;
        for (const auto &r : backend->records())
            found = found || (r.name == f.key && QString::number(r.id) == f.id && r.namespaceName == QLatin1String("fixture"));
        QVERIFY2(found, qPrintable(f.key));
    }

    // Without a namespace: every backend key, parents as backend keys too.
    auto all = root->folders(QStringLiteral("overlayfs"));
    QVERIFY2(all.ok(), why(all));
    QCOMPARE(all->size(), backend->records().size());
    QVERIFY(std::any_of(all->cbegin(), all->cend(), [](const SnapshotFolder &f) { return f.key.startsWith(QLatin1String("other/")); }));

    // Without meta.db, a namespace picks its backend keys and shows the names they carry.
    QFile::remove(fake.root + QStringLiteral("/io.containerd.metadata.v1.bolt/meta.db"));
    auto noMeta = ContainerdRoot::locate(fake.root);
    QVERIFY2(noMeta.ok(), why(noMeta));
    auto other = noMeta->folders(QString(), QStringLiteral("other"));
    QVERIFY2(other.ok(), why(other));
    QCOMPARE(other->size(), 1);
    QCOMPARE(other->first().key, QStringLiteral("elsewhere"));

    QVERIFY(!root->folders(QStringLiteral("native")).ok());
}

void TstBoltDecoders::windowsPaths()
{
    QCOMPARE(folderPathStyleFor(QStringLiteral("windows")), FolderPathStyle::Windows);
    QCOMPARE(folderPathStyleFor(QStringLiteral("windows-lcow")), FolderPathStyle::Windows);
    QCOMPARE(folderPathStyleFor(QStringLiteral("overlayfs")), FolderPathStyle::Posix);
    QCOMPARE(snapshotFolderPath(QStringLiteral("C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows\\"), 21,
                                FolderPathStyle::Windows),
             QStringLiteral("C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows\\snapshots\\21"));
    QCOMPARE(snapshotFolderPath(QStringLiteral("C:/data/"), 3, FolderPathStyle::Windows), QStringLiteral("C:\\data\\snapshots\\3"));
    QCOMPARE(snapshotFolderPath(QStringLiteral("/var/lib/x//"), 3, FolderPathStyle::Posix), QStringLiteral("/var/lib/x/snapshots/3"));
    QCOMPARE(snapshotFolderPath(QStringLiteral("/"), 3, FolderPathStyle::Posix), QStringLiteral("/snapshots/3"));

    // A store copied from Windows: the snapshotter's own name picks the style.
    FakeRoot fake(QStringLiteral("windows"));
    auto root = ContainerdRoot::locate(fake.root);
    QVERIFY2(root.ok(), why(root));
    const QString display = QStringLiteral("C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows");
    auto folders = root->folders(QStringLiteral("windows"), {}, display);
    QVERIFY2(folders.ok(), why(folders));
    QVERIFY(!folders->isEmpty());
    for (const auto &f : *folders)
        QCOMPARE(f.path, display + QStringLiteral("\\snapshots\\") + f.id);
}

void TstBoltDecoders::splitKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("name");
    QTest::newRow("namespaced") << "default/12/sha256:abc" << "default" << "sha256:abc";
    QTest::newRow("name with slashes") << "k8s.io/7/extract-1 a/b" << "k8s.io" << "extract-1 a/b";
    QTest::newRow("no txid") << "default/x/name" << "" << "default/x/name";
    QTest::newRow("plain") << "sha256:abc" << "" << "sha256:abc";
    QTest::newRow("empty txid") << "a//b" << "" << "a//b";
    QTest::newRow("leading slash") << "/1/b" << "" << "/1/b";
}

void TstBoltDecoders::splitKey()
{
    QFETCH(QString, key);
    QFETCH(QString, ns);
    QFETCH(QString, name);
    QString gotNs, gotName;
    SnapshotterDb::splitKey(key, gotNs, gotName);
    QCOMPARE(gotNs, ns);
    QCOMPARE(gotName, name);
}

void TstBoltDecoders::varints_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("unsignedValue");
    QTest::addColumn<qint64>("signedValue");
    QTest::newRow("0") << QByteArray(1, 0) << true << quint64(0) << qint64(0);
    QTest::newRow("1") << QByteArray(1, 1) << true << quint64(1) << qint64(-1);
    QTest::newRow("300") << QByteArray("\xac\x02") << true << quint64(300) << qint64(150);
    QTest::newRow("max") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01") << true << ~quint64(0) << qint64(std::numeric_limits<qint64>::min());
    QTest::newRow("overflow 10th byte") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02") << false << quint64(0) << qint64(0);
    QTest::newRow("11 bytes") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01") << false << quint64(0) << qint64(0);
    QTest::newRow("truncated") << QByteArray("\x80") << false << quint64(0) << qint64(0);
    QTest::newRow("empty") << QByteArray() << false << quint64(0) << qint64(0);
    QTest::newRow("trailing") << QByteArray("\x01\x01") << false << quint64(0) << qint64(0);
}

void TstBoltDecoders::varints()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(quint64, unsignedValue);
    QFETCH(qint64, signedValue);
    auto u = GoEncoding::uvarint(bytes);
    auto s = GoEncoding::varint(bytes);
    QCOMPARE(u.ok(), ok);
    QCOMPARE(s.ok(), ok);
    if (ok) {
        QCOMPARE(*u, unsignedValue);
        QCOMPARE(*s, signedValue);
    } else {
        QCOMPARE(u.error().code, int(Error::Corrupt));
    }
}

void TstBoltDecoders::goTime_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected"); // ISO with ms, or "error: <text>"
    // time.Date(2023, 11, 14, 22, 13, 20, 123456789, time.UTC).MarshalBinary()
    QTest::newRow("utc v1") << QByteArray::fromHex("010000000edce5e800075bcd15ffff") << "2023-11-14T22:13:20.123Z";
    QTest::newRow("offset v1") << QByteArray::fromHex("010000000edce5e800075bcd15003c") << "2023-11-14T22:13:20.123Z";
    QTest::newRow("v2") << QByteArray::fromHex("020000000edce5e800075bcd15003c00") << "2023-11-14T22:13:20.123Z";
    QTest::newRow("year 1") << QByteArray::fromHex("01000000000000000000000000ffff") << "0001-01-01T00:00:00.000Z";
    QTest::newRow("short") << QByteArray::fromHex("010000000edce5e800075bcd15ff") << "error: time value of 14 bytes";
    QTest::newRow("long") << QByteArray::fromHex("010000000edce5e800075bcd15ffff00") << "error: time value of 16 bytes";
    QTest::newRow("version") << QByteArray::fromHex("030000000edce5e800075bcd15ffff") << "error: time encoding version 3";
    QTest::newRow("nanos") << QByteArray::fromHex("010000000edce5e8003b9aca00ffff") << "error: time nanoseconds 1000000000";
    QTest::newRow("negative nanos") << QByteArray::fromHex("010000000edce5e800ffffffffffff") << "error: time nanoseconds -1";
    QTest::newRow("zone") << QByteArray::fromHex("010000000edce5e800075bcd157fff") << "error: time zone offset";
    QTest::newRow("huge seconds") << QByteArray::fromHex("017fffffffffffffff00000000ffff") << "error: out of range";
    QTest::newRow("empty") << QByteArray() << "error: empty time value";
}

void TstBoltDecoders::goTime()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    auto t = GoEncoding::time(bytes);
    if (expected.startsWith(QLatin1String("error: "))) {
        QVERIFY(!t.ok());
        QCOMPARE(t.error().code, int(Error::Corrupt));
        QVERIFY2(t.error().message.contains(expected.mid(7)), qPrintable(t.error().message));
    } else {
        QVERIFY2(t.ok(), why(t));
        QCOMPARE(t->timeSpec(), Qt::UTC);
        QCOMPARE(t->toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")), expected);
    }
}

QTEST_GUILESS_MAIN(TstBoltDecoders)
#include "tst_boltdecoders.moc"
