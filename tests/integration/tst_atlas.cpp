#include "testenv.h"

#include "atlas/atlasloader.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"
#include "atlas/atlastextdump.h"
#include "atlas/atlasevents.h"
#include "events/eventwatcher.h"
#include "atlas/discoveryfoldersource.h"
#include "atlas/foldercache.h"
#include "client/client.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTest>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kSnapshotter = QStringLiteral("overlayfs");
const QString kThree = QStringLiteral("strata.test/three:latest");
const QString kOne = QStringLiteral("strata.test/one:latest");

QString line(const QStringList &cells)
{
    QStringList c = cells;
    while (!c.isEmpty() && c.constLast().isEmpty())
        c.removeLast();
    return c.join(QStringLiteral(" | "));
}

// The store as ctr reports it, drawn the way the atlas draws it. Chain IDs are computed here
// from the configs' diff_ids (sha256 of "<chain> <diffid>"), independently of model/oci.
struct CtrStore
{
    struct Snap
    {
        QString key, parent, kind;
    };
    QMap<QString, Snap> snapshots;
    QMap<QString, QStringList> imageLayers; // name -> chain IDs, base first

    static QJsonObject blob(const QString &digest)
    {
        const auto out = ctr({QStringLiteral("content"), QStringLiteral("get"), digest});
        return QJsonDocument::fromJson(out.out).object();
    }

    static QString hostArch()
    {
        const QString cpu = QSysInfo::currentCpuArchitecture();
        return cpu == QLatin1String("x86_64") ? QStringLiteral("amd64") : cpu == QLatin1String("arm64") ? QStringLiteral("arm64") : cpu;
    }

    static QStringList chainIds(const QString &targetDigest)
    {
        QJsonObject manifest = blob(targetDigest);
        if (manifest.contains(QLatin1String("manifests"))) {
            for (const auto &m : manifest.value(QLatin1String("manifests")).toArray()) {
                const auto p = m.toObject().value(QLatin1String("platform")).toObject();
                if (p.value(QLatin1String("os")).toString() == QLatin1String("linux")
                    && p.value(QLatin1String("architecture")).toString() == hostArch()) {
                    manifest = blob(m.toObject().value(QLatin1String("digest")).toString());
                    break;
                }
            }
        }
        const auto config = blob(manifest.value(QLatin1String("config")).toObject().value(QLatin1String("digest")).toString());
        QStringList chain;
        for (const auto &d : config.value(QLatin1String("rootfs")).toObject().value(QLatin1String("diff_ids")).toArray()) {
            const QString diff = d.toString();
            chain << (chain.isEmpty() ? diff
                                      : QStringLiteral("sha256:")
                              + QString::fromLatin1(QCryptographicHash::hash((chain.constLast() + QLatin1Char(' ') + diff).toLatin1(),
                                                                             QCryptographicHash::Sha256).toHex()));
        }
        return chain;
    }

    static CtrStore read()
    {
        CtrStore store;
        const auto snaps = ctr({QStringLiteral("snapshots"), QStringLiteral("ls")});
        for (const auto &l : QString::fromUtf8(snaps.out).split(QLatin1Char('\n')).mid(1)) {
            const auto w = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (w.size() == 3)
                store.snapshots.insert(w[0], {w[0], w[1], w[2].toLower()});
            else if (w.size() == 2)
                store.snapshots.insert(w[0], {w[0], {}, w[1].toLower()});
        }
        const auto images = ctr({QStringLiteral("images"), QStringLiteral("ls")});
        for (const auto &l : QString::fromUtf8(images.out).split(QLatin1Char('\n')).mid(1)) {
            const auto w = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (w.size() >= 3)
                store.imageLayers.insert(w[0], chainIds(w[2]));
        }
        return store;
    }

    QString usedBy(const QString &key) const
    {
        QStringList names;
        for (auto it = imageLayers.cbegin(); it != imageLayers.cend(); ++it) {
            if (it->contains(key))
                names << it.key();
        }
        return names.join(QStringLiteral(", "));
    }

    QStringList children(const QString &key) const
    {
        QStringList out;
        for (const auto &s : snapshots) {
            if (s.parent == key)
                out << s.key;
        }
        return out; // QMap iteration: sorted by key
    }

    void drawForest(const QString &key, int depth, QString &out) const
    {
        const Snap &s = snapshots[key];
        out += QString(depth * 2, QLatin1Char(' ')) + line({s.key, s.kind, usedBy(s.key)}) + QLatin1Char('\n');
        for (const auto &c : children(key))
            drawForest(c, depth + 1, out);
    }

    QString draw() const
    {
        QString out = line({QStringLiteral("Images"), imageLayers.size() == 1 ? QStringLiteral("1 image") : QStringLiteral("%1 images").arg(imageLayers.size())}) + QLatin1Char('\n');
        for (auto it = imageLayers.cbegin(); it != imageLayers.cend(); ++it) {
            const int n = int(it->size());
            out += QStringLiteral("  ") + line({it.key(), n == 1 ? QStringLiteral("image, 1 layer") : QStringLiteral("image, %1 layers").arg(n)}) + QLatin1Char('\n');
            for (int i = 0; i < n; ++i) {
                out += QStringLiteral("    ") + line({it->at(i), QStringLiteral("layer %1/%2").arg(i + 1).arg(n), usedBy(it->at(i))}) + QLatin1Char('\n');
                if (i != n - 1)
                    continue;
                for (const auto &c : children(it->at(i))) {
                    if (snapshots[c].kind != QLatin1String("committed"))
                        out += QStringLiteral("      ") + line({c, snapshots[c].kind}) + QLatin1Char('\n');
                }
            }
        }
        out += line({QStringLiteral("Snapshots"), snapshots.size() == 1 ? QStringLiteral("1 snapshot") : QStringLiteral("%1 snapshots").arg(snapshots.size())}) + QLatin1Char('\n');
        for (const auto &s : snapshots) {
            if (!snapshots.contains(s.parent))
                drawForest(s.key, 1, out);
        }
        return out;
    }
};

QString fileText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Counts what reaches the folder source, to see what the cache saves.
class CountingSource : public AtlasFolderSource
{
public:
    explicit CountingSource(std::shared_ptr<const Client> client) : m_inner(std::move(client), kSnapshotter) {}
    Result<QList<SnapshotFolder>> folders(const QList<SnapshotInfo> &snapshots) override
    {
        ++calls;
        asked += int(snapshots.size());
        return m_inner.folders(snapshots);
    }
    int calls = 0;
    int asked = 0;

private:
    DiscoveryFolderSource m_inner;
};

} // namespace

class TestAtlas : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Client> m_client;
    const QList<int> m_columns{Atlas::NameColumn, Atlas::KindColumn, Atlas::UsedByColumn};

    QString uniqueKey(const char *what) const
    {
        return QStringLiteral("tst-atlas-%1-%2").arg(QLatin1String(what)).arg(QCoreApplication::applicationPid());
    }

    QString threeTop() const { return CtrStore::chainIds(ImageTarget(kThree)).constLast(); }

    static QString ImageTarget(const QString &name)
    {
        const auto out = ctr({QStringLiteral("images"), QStringLiteral("ls")});
        for (const auto &l : QString::fromUtf8(out.out).split(QLatin1Char('\n'))) {
            const auto w = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (w.size() >= 3 && w[0] == name)
                return w[2];
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QLocale::setDefault(QLocale::c());
        auto c = Client::create({test::address(), test::testNamespace(), std::chrono::seconds(10)});
        QVERIFY(c.ok());
        m_client = *c;
    }

    void loadMatchesCtr()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto contents = AtlasLoader(m_client, kSnapshotter).loadAll();
        QVERIFY2(contents.ok(), contents.ok() ? "" : qPrintable(contents.error().message));
        model.setContents(*contents);
        const CtrStore store = CtrStore::read();
        QVERIFY(store.imageLayers.value(kThree).size() == 3);
        QCOMPARE(AtlasTextDump::dump(model, m_columns), store.draw());

        // Folder numbers, checked against what the test images put in each layer's folder.
        const QStringList three = store.imageLayers.value(kThree);
        auto folderOf = [&](const QString &key) { return model.indexOfSnapshot(key).data(Atlas::FolderPathRole).toString(); };
        QVERIFY(fileText(folderOf(three[0]) + QStringLiteral("/fs/strata/doomed.txt")).startsWith(QLatin1String("from layer 1")));
        QCOMPARE(fileText(folderOf(three[1]) + QStringLiteral("/fs/strata/shadowed.txt")), QStringLiteral("layer 2\n"));
        QCOMPARE(fileText(folderOf(three[2]) + QStringLiteral("/fs/strata/shadowed.txt")), QStringLiteral("layer 3\n"));
        const QString one = folderOf(store.imageLayers.value(kOne).constFirst());
        QVERIFY(QFileInfo(one + QStringLiteral("/fs/bin/busybox")).isFile());
        QVERIFY(!QFileInfo::exists(one + QStringLiteral("/fs/strata")));
        QSet<QString> ids;
        for (const auto &s : contents->snapshots) {
            QVERIFY2(!s.folderId.isEmpty(), qPrintable(s.info.key));
            QCOMPARE(s.folderPath, QDir(test::env("STRATA_TEST_ROOT")).filePath(
                                       QStringLiteral("io.containerd.snapshotter.v1.overlayfs/snapshots/") + s.folderId));
            ids.insert(s.folderId);
            QVERIFY(s.usage.has_value());
        }
        QCOMPARE(ids.size(), contents->snapshots.size());
        // Committed layers report what they hold: the busybox layer is not empty.
        QVERIFY(model.indexOfSnapshot(three[0]).data(Atlas::SizeRole).toLongLong() > 100000);
    }

    void cacheSparesViews()
    {
        auto cache = std::make_shared<FolderCache>();
        auto source = std::make_shared<CountingSource>(m_client);
        AtlasLoader loader(m_client, kSnapshotter, cache, source);
        auto first = loader.loadAll();
        QVERIFY(first.ok());
        QCOMPARE(source->calls, 1);
        auto second = loader.loadAll();
        QVERIFY(second.ok());
        QCOMPARE(source->calls, 1); // everything was known
        for (int i = 0; i < first->snapshots.size(); ++i)
            QCOMPARE(second->snapshots[i].folderId, first->snapshots[i].folderId);

        // A new snapshot costs only its own chain.
        const QString key = uniqueKey("cache");
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), key, threeTop()}).exitCode, 0);
        auto third = loader.loadAll();
        ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), key});
        QVERIFY(third.ok());
        QCOMPARE(source->calls, 2);
        QCOMPARE(source->asked, int(first->snapshots.size()) + 4); // the scratch and three layers
    }

    void eventsUpdateWithoutReset()
    {
        AtlasModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto cache = std::make_shared<FolderCache>();
        EventWatcher watcher;
        auto apply = [&model](const AtlasChange &c) {
            switch (c.op) {
            case AtlasChange::Op::UpsertSnapshot: model.upsertSnapshot(c.snapshot); break;
            case AtlasChange::Op::RemoveSnapshot: model.removeSnapshot(c.name); break;
            case AtlasChange::Op::UpsertImage: model.upsertImage(c.image); break;
            case AtlasChange::Op::RemoveImage: model.removeImage(c.name); break;
            }
        };
        watcher.start(m_client, EventFilter{m_client->ns(), AtlasEvents::topics()},
                      [client = m_client, cache, apply](const EventEnvelope &e, const EventWatcher::Deliver &deliver) {
                          for (const auto &change : AtlasEvents::changesFor(e, client, kSnapshotter, *cache))
                              deliver([apply, change] { apply(change); });
                      });
        auto contents = AtlasLoader(m_client, kSnapshotter, cache).loadAll();
        QVERIFY(contents.ok());
        model.setContents(*contents);
        QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy layouts(&model, &QAbstractItemModel::layoutAboutToBeChanged);
        const QString top = threeTop();
        const QPersistentModelIndex topRow = model.indexOfSnapshot(top);
        QVERIFY(topRow.isValid());

        // prepare: the node appears under its parent, with its folder, and on top of the image.
        const QString key = uniqueKey("event");
        const auto prepared = ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), QStringLiteral("--mounts"), key, top});
        QCOMPARE(prepared.exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(model.indexOfSnapshot(key).isValid(), 10000);
        const QModelIndex row = model.indexOfSnapshot(key);
        QCOMPARE(QModelIndex(topRow), row.parent());
        QCOMPARE(row.siblingAtColumn(Atlas::KindColumn).data().toString(), QStringLiteral("active"));
        const QString folder = row.data(Atlas::FolderPathRole).toString();
        QVERIFY(!folder.isEmpty());
        QVERIFY2(QString::fromUtf8(prepared.out).contains(QStringLiteral("upperdir=") + folder + QStringLiteral("/fs")),
                 qPrintable(folder));
        const QModelIndex image = model.indexOfImage(kThree);
        const QModelIndex topLayer = model.index(2, 0, image);
        QStringList onTop;
        for (int r = 0; r < model.rowCount(topLayer); ++r)
            onTop << model.index(r, 0, topLayer).data(Atlas::KeyRole).toString();
        QVERIFY2(onTop.contains(key), qPrintable(onTop.join(QLatin1Char(','))));

        // commit: the active row goes, the committed one takes its place and keeps the folder.
        const QString committed = uniqueKey("committed");
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("commit"), committed, key}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(model.indexOfSnapshot(committed).isValid(), 10000);
        QVERIFY(!model.indexOfSnapshot(key).isValid());
        QCOMPARE(model.indexOfSnapshot(committed).parent(), QModelIndex(topRow));
        QCOMPARE(model.indexOfSnapshot(committed).data(Atlas::FolderPathRole).toString(), folder);
        for (int r = 0; r < model.rowCount(topLayer); ++r) // committed snapshots are not "on top"
            QVERIFY(model.index(r, 0, topLayer).data(Atlas::KeyRole).toString() != committed);

        // remove: it goes.
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), committed}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfSnapshot(committed).isValid(), 10000);

        // images: a new name for the same image shares its layers.
        const QString copy = QStringLiteral("strata.test/three:atlas-%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(ctr({QStringLiteral("images"), QStringLiteral("tag"), kThree, copy}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(model.indexOfImage(copy).isValid(), 10000);
        QCOMPARE(model.usedBy(top), (QStringList{copy, kThree}));
        QCOMPARE(ctr({QStringLiteral("images"), QStringLiteral("rm"), copy}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!model.indexOfImage(copy).isValid(), 10000);
        QCOMPARE(model.usedBy(top), QStringList{kThree});

        QCOMPARE(resets.size(), 0);
        QCOMPARE(layouts.size(), 0);
        QVERIFY(topRow.isValid());
        // After all that, the model equals a fresh load.
        AtlasModel fresh;
        auto again = AtlasLoader(m_client, kSnapshotter).loadAll();
        QVERIFY(again.ok());
        fresh.setContents(*again);
        QCOMPARE(AtlasTextDump::dump(model, m_columns), AtlasTextDump::dump(fresh, m_columns));
        watcher.stop();
    }
};

QTEST_GUILESS_MAIN(TestAtlas)
#include "tst_atlas.moc"
