// OfflineAtlas and ContentStoreDir on the real bolt fixtures: what a containerd root reads as
// without a daemon, in the shapes the atlas shows, including a Windows store and bad input.

#include "boltfixture.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlastextdump.h"
#include "atlas/offlineatlas.h"
#include "bolt/snapshotterdb.h"
#include "oci/contentstoredir.h"
#include "oci/platformmatcher.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QTest>

using namespace strata;
using strata::test::expectedInfo;
using strata::test::expectedLs;
using strata::test::FakeRoot;
using strata::test::why;

namespace {

const QString Fixture = QStringLiteral("fixture");

QString writeBlob(const QString &root, const QByteArray &bytes)
{
    const QString hex = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QString dir = root + QStringLiteral("/io.containerd.content.v1.content/blobs/sha256");
    QDir().mkpath(dir);
    QFile f(dir + QLatin1Char('/') + hex);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    return QStringLiteral("sha256:") + hex;
}

} // namespace

class TstOfflineAtlas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFromMetaDb();
    void withoutMetaDbNamesComeFromBackendKeys();
    void windowsStoreSpellsHostPaths();
    void looseMetadataDbTakesAnyName();
    void loneMetaDbShowsNamesWithoutFolders();
    void modelFromOfflineLoad();
    void corruptFileIsAnErrorNotACrash();
    void contentStoreDir();
};

void TstOfflineAtlas::namesFromMetaDb()
{
    FakeRoot fake;
    auto atlas = OfflineAtlas::open(fake.root);
    QVERIFY2(atlas.ok(), why(atlas));
    QVERIFY(atlas->hasNames());
    QVERIFY(atlas->hasContent());
    QCOMPARE(atlas->snapshotters(), QStringList{QStringLiteral("overlayfs")});
    QVERIFY(atlas->namespaces(QStringLiteral("overlayfs")).contains(Fixture));
    QCOMPARE(atlas->defaultHostRoot(QStringLiteral("overlayfs")), QFileInfo(fake.snapshotterDir).absoluteFilePath());

    auto contents = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(contents.ok(), why(contents));
    const auto ls = expectedLs();
    const auto info = expectedInfo();
    auto backend = SnapshotterDb::open(fake.snapshotterDir + QStringLiteral("/metadata.db"));
    QVERIFY2(backend.ok(), why(backend));
    QCOMPARE(contents->snapshots.size(), ls.size());
    for (const AtlasSnapshot &s : contents->snapshots) {
        QVERIFY2(ls.contains(s.info.key), qPrintable(s.info.key));
        QCOMPARE(s.info.parent, ls.value(s.info.key).parent);
        QCOMPARE(kindName(s.info.kind), ls.value(s.info.key).kind);
        // Labels are the user-facing ones ctr shows, not the backend's.
        const QJsonObject labels = info.value(s.info.key).value(QStringLiteral("Labels")).toObject();
        QCOMPARE(s.info.labels.size(), labels.size());
        for (auto it = s.info.labels.cbegin(); it != s.info.labels.cend(); ++it)
            QCOMPARE(it.value(), labels.value(it.key()).toString());
        // The folder is the backend record's, wherever its key sits.
        const auto record = std::find_if(backend->records().cbegin(), backend->records().cend(), [&](const SnapshotRecord &r) {
            return r.namespaceName == Fixture && r.name == s.info.key;
        });
        QVERIFY(record != backend->records().cend());
        QCOMPARE(s.folderId, QString::number(record->id));
        QCOMPARE(s.folderPath, QFileInfo(fake.snapshotterDir).absoluteFilePath() + QStringLiteral("/snapshots/") + s.folderId);
        QVERIFY2(s.folderSource.startsWith(QLatin1String("metadata.db at ")), qPrintable(s.folderSource));
        QCOMPARE(s.usage.has_value(), s.info.kind == SnapshotKind::Committed);
    }

    // The image is there; its layers are not, since the fixture root has no blobs.
    QCOMPARE(contents->images.size(), test::boltFixtureLines(QStringLiteral("expected-images.txt")).size() - 1);
    const AtlasImage &image = contents->images.constFirst();
    QCOMPARE(image.record.name, QStringLiteral("strata.test/fixture:latest"));
    QVERIFY(image.layerKeys.isEmpty());
    QVERIFY2(image.error.contains(QLatin1String("not in the content store")), qPrintable(image.error));
    auto resolved = atlas->resolveImage(Fixture, image.record.name, QStringLiteral("overlayfs"));
    QVERIFY(!resolved.ok());
    QCOMPARE(resolved.error().code, int(Error::NotFound));
}

void TstOfflineAtlas::withoutMetaDbNamesComeFromBackendKeys()
{
    FakeRoot fake(QStringLiteral("overlayfs"), false);
    auto atlas = OfflineAtlas::open(fake.root);
    QVERIFY2(atlas.ok(), why(atlas));
    QVERIFY(!atlas->hasNames());
    // The namespaces come from the backend keys themselves (the fixture has a second one).
    QCOMPARE(atlas->namespaces(QStringLiteral("overlayfs")), (QStringList{Fixture, QStringLiteral("other")}));
    QCOMPARE(atlas->defaultNamespace(QStringLiteral("overlayfs")), Fixture);
    auto contents = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(contents.ok(), why(contents));
    QVERIFY(contents->images.isEmpty());
    const auto ls = expectedLs();
    QCOMPARE(contents->snapshots.size(), ls.size());
    for (const AtlasSnapshot &s : contents->snapshots) {
        QVERIFY2(ls.contains(s.info.key), qPrintable(s.info.key));
        QCOMPARE(s.info.parent, ls.value(s.info.key).parent);
    }
    // stratactl's folder list names them the same way.
    auto folders = atlas->root().folders(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(folders.ok(), why(folders));
    QCOMPARE(folders->size(), ls.size());
    for (const SnapshotFolder &f : *folders)
        QCOMPARE(f.parent, ls.value(f.key).parent);

    // No namespace: the snapshotter's keys as stored, every namespace's.
    auto all = atlas->load(QStringLiteral("overlayfs"), {});
    QVERIFY2(all.ok(), why(all));
    QVERIFY(all->snapshots.size() > ls.size());
    for (const AtlasSnapshot &s : all->snapshots) {
        QString ns, name;
        SnapshotterDb::splitKey(s.info.key, ns, name);
        QVERIFY2(!ns.isEmpty(), qPrintable(s.info.key));
    }
}

void TstOfflineAtlas::windowsStoreSpellsHostPaths()
{
    FakeRoot fake(QStringLiteral("windows"), false);
    auto atlas = OfflineAtlas::open(fake.root);
    QVERIFY2(atlas.ok(), why(atlas));
    const QString hostRoot = QStringLiteral("C:\\ProgramData\\containerd\\root\\io.containerd.snapshotter.v1.windows");
    QCOMPARE(atlas->defaultHostRoot(QStringLiteral("windows")), hostRoot);
    QCOMPARE(OfflineAtlas::platformFor(QStringLiteral("windows")).target().os, QStringLiteral("windows"));

    auto contents = atlas->load(QStringLiteral("windows"), {});
    QVERIFY2(contents.ok(), why(contents));
    QVERIFY(!contents->snapshots.isEmpty());
    for (const AtlasSnapshot &s : contents->snapshots)
        QCOMPARE(s.folderPath, hostRoot + QStringLiteral("\\snapshots\\") + s.folderId);

    // A root the user names (containerd started with another --root) wins.
    auto moved = atlas->load(QStringLiteral("windows"), {}, QStringLiteral("D:/ctr/io.containerd.snapshotter.v1.windows"));
    QVERIFY2(moved.ok(), why(moved));
    QVERIFY(moved->snapshots.constFirst().folderPath.startsWith(QLatin1String("D:\\ctr\\io.containerd.snapshotter.v1.windows\\snapshots\\")));
}

void TstOfflineAtlas::looseMetadataDbTakesAnyName()
{
    QTemporaryDir dir;
    const QString loose = dir.filePath(QStringLiteral("copy-of-metadata.db"));
    QVERIFY(QFile::copy(test::boltFixture(QStringLiteral("snapshotter-metadata.db")), loose));
    auto atlas = OfflineAtlas::open(loose);
    QVERIFY2(atlas.ok(), why(atlas));
    QCOMPARE(atlas->snapshotters(), QStringList{QString()});
    QVERIFY(!atlas->hasContent());
    auto asWindows = atlas->load(QStringLiteral("windows"), Fixture);
    QVERIFY2(asWindows.ok(), why(asWindows));
    QCOMPARE(asWindows->snapshots.size(), expectedLs().size());
    QVERIFY(asWindows->snapshots.constFirst().folderPath.contains(QLatin1String("\\snapshots\\")));
    auto asOverlay = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(asOverlay.ok(), why(asOverlay));
    QCOMPARE(asOverlay->snapshots.constFirst().folderPath,
             dir.path() + QStringLiteral("/snapshots/") + asOverlay->snapshots.constFirst().folderId);
}

void TstOfflineAtlas::loneMetaDbShowsNamesWithoutFolders()
{
    QTemporaryDir dir;
    const QString meta = dir.filePath(QStringLiteral("meta.db"));
    QVERIFY(QFile::copy(test::boltFixture(QStringLiteral("meta.db")), meta));
    auto atlas = OfflineAtlas::open(meta);
    QVERIFY2(atlas.ok(), why(atlas));
    QCOMPARE(atlas->snapshotters(), QStringList{QStringLiteral("overlayfs")}); // as meta.db names them
    QVERIFY(atlas->defaultHostRoot(QStringLiteral("overlayfs")).isEmpty());
    auto contents = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(contents.ok(), why(contents));
    const auto ls = expectedLs();
    QCOMPARE(contents->snapshots.size(), ls.size());
    for (const AtlasSnapshot &s : contents->snapshots) {
        QCOMPARE(s.info.parent, ls.value(s.info.key).parent);
        QVERIFY(s.folderId.isEmpty());
    }
    QCOMPARE(contents->images.size(), 1);
    QVERIFY2(contents->images.constFirst().error.contains(QLatin1String("content store")), qPrintable(contents->images.constFirst().error));
    // Without a namespace there are no names to show, and no snapshotter db to fall back on.
    QCOMPARE(atlas->load(QStringLiteral("overlayfs"), {}).error().code, int(Error::NotFound));
}

void TstOfflineAtlas::modelFromOfflineLoad()
{
    FakeRoot fake;
    AtlasModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto atlas = OfflineAtlas::open(fake.root);
    QVERIFY2(atlas.ok(), why(atlas));
    auto contents = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY2(contents.ok(), why(contents));
    model.setContents(*contents);
    QCOMPARE(model.snapshotCount(), expectedLs().size());
    QCOMPARE(model.imageCount(), 1);
    // The chain under "base" as the tree draws it, with the backend's folder numbers.
    const QModelIndex base = model.indexOfSnapshot(QStringLiteral("base"));
    QVERIFY(base.isValid());
    QCOMPARE(base.data(Atlas::FolderSourceRole).toString(), contents->snapshots.constFirst().folderSource);
    const QStringList dump = AtlasTextDump::dump(model, {Atlas::NameColumn, Atlas::KindColumn}, base).split(QLatin1Char('\n'));
    int children = 0;
    const auto ls = expectedLs();
    for (auto it = ls.cbegin(); it != ls.cend(); ++it) {
        if (it->parent == QLatin1String("base")) {
            QVERIFY2(dump.contains(QStringLiteral("%1 | %2").arg(it.key(), it->kind)), qPrintable(it.key()));
            ++children;
        }
    }
    QVERIFY(children > 0);
}

void TstOfflineAtlas::corruptFileIsAnErrorNotACrash()
{
    FakeRoot fake;
    const QString db = fake.snapshotterDir + QStringLiteral("/metadata.db");
    QFile f(db);
    QVERIFY(f.resize(4096 + 100)); // a copy cut short: one meta page and a bit
    const QByteArray cut = [&] { QFile r(db); r.open(QIODevice::ReadOnly); return r.readAll(); }();
    auto atlas = OfflineAtlas::open(fake.root);
    QVERIFY2(atlas.ok(), why(atlas)); // meta.db alone is fine
    auto contents = atlas->load(QStringLiteral("overlayfs"), Fixture);
    QVERIFY(!contents.ok());
    QCOMPARE(contents.error().code, int(Error::Corrupt));
    QFile after(db);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), cut); // read, never written

    QVERIFY(!OfflineAtlas::open(fake.dir.filePath(QStringLiteral("nowhere"))).ok());
}

void TstOfflineAtlas::contentStoreDir()
{
    QTemporaryDir dir;
    const ContentStoreDir store(dir.path());
    QVERIFY(!store.exists());
    const QByteArray config = R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    const QString digest = writeBlob(dir.path(), config);
    QVERIFY(store.exists());
    auto read = store.read(digest);
    QVERIFY2(read.ok(), why(read));
    QCOMPARE(*read, config);

    QCOMPARE(store.read(QStringLiteral("sha256:") + QString(64, QLatin1Char('0'))).error().code, int(Error::NotFound));
    for (const char *bad : {"../../etc/passwd", "sha256:../../x", "sha256:", "nodigest"})
        QCOMPARE(store.read(QString::fromLatin1(bad)).error().code, int(Error::InvalidArgument));

    // A damaged copy: the bytes no longer hash to their name.
    QFile blob(store.blobPath(digest));
    QVERIFY(blob.open(QIODevice::WriteOnly | QIODevice::Truncate));
    blob.write(config.left(10));
    blob.close();
    auto damaged = store.read(digest);
    QVERIFY(!damaged.ok());
    QCOMPARE(damaged.error().code, int(Error::Corrupt));
}

QTEST_GUILESS_MAIN(TstOfflineAtlas)
#include "tst_offlineatlas.moc"
