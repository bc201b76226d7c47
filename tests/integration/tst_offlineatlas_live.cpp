// The test containerd's root read offline, while containerd runs, against what the live
// atlas loader gets through the API: the same images, layers, snapshots and folders.

#include "testenv.h"
#include "why.h"

#include "atlas/atlasloader.h"
#include "atlas/offlineatlas.h"
#include "client/client.h"
#include "oci/imageresolver.h"

#include <QTest>

using namespace strata;
using strata::test::why;

namespace {

const QString kSnapshotter = QStringLiteral("overlayfs");


} // namespace

class TstOfflineAtlasLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        auto c = Client::create({test::address(), test::testNamespace(), std::chrono::seconds(10)});
        QVERIFY(c.ok());
        m_client = *c;
    }

    void sameAtlasAsTheApi()
    {
        auto live = AtlasLoader(m_client, kSnapshotter).loadAll();
        QVERIFY2(live.ok(), why(live));
        auto atlas = OfflineAtlas::open(test::env("STRATA_TEST_ROOT"));
        QVERIFY2(atlas.ok(), why(atlas));
        QVERIFY(atlas->hasNames() && atlas->hasContent());
        QVERIFY(atlas->snapshotters().contains(kSnapshotter));
        QVERIFY(atlas->namespaces(kSnapshotter).contains(test::testNamespace()));
        auto offline = atlas->load(kSnapshotter, test::testNamespace());
        QVERIFY2(offline.ok(), why(offline));

        QMap<QString, QStringList> liveImages, offlineImages;
        for (const auto &i : live->images)
            liveImages.insert(i.record.name, i.layerKeys);
        for (const auto &i : offline->images) {
            QVERIFY2(i.error.isEmpty(), qPrintable(i.error));
            offlineImages.insert(i.record.name, i.layerKeys);
        }
        QVERIFY(liveImages.contains(QStringLiteral("strata.test/three:latest")));
        QCOMPARE(offlineImages, liveImages);

        QMap<QString, AtlasSnapshot> byKey;
        for (const auto &s : offline->snapshots)
            byKey.insert(s.info.key, s);
        QCOMPARE(byKey.size(), live->snapshots.size());
        for (const auto &s : live->snapshots) {
            QVERIFY2(byKey.contains(s.info.key), qPrintable(s.info.key));
            const AtlasSnapshot &o = byKey.value(s.info.key);
            QCOMPARE(o.info.parent, s.info.parent);
            QCOMPARE(o.info.kind, s.info.kind);
            QCOMPARE(o.info.labels, s.info.labels);
            QCOMPARE(o.folderId, s.folderId);
            QCOMPARE(o.folderPath, s.folderPath);
            QVERIFY2(o.folderSource.endsWith(QLatin1String("(offline)")), qPrintable(o.folderSource));
            // The db's numbers are what overlayfs' own usage walk counts at commit.
            if (s.info.kind == SnapshotKind::Committed && s.usage && o.usage)
                QCOMPARE(o.usage->inodes, s.usage->inodes);
        }
    }

    void imageResolvesFromTheContentStoreOnDisk()
    {
        const QString name = QStringLiteral("strata.test/three:latest");
        auto live = ImageResolver(m_client).resolve(name);
        QVERIFY2(live.ok(), why(live));
        auto atlas = OfflineAtlas::open(test::env("STRATA_TEST_ROOT"));
        QVERIFY2(atlas.ok(), why(atlas));
        auto offline = atlas->resolveImage(test::testNamespace(), name, kSnapshotter);
        QVERIFY2(offline.ok(), why(offline));
        QCOMPARE(offline->manifestDigest, live->manifestDigest);
        QCOMPARE(offline->manifest, live->manifest);
        QCOMPARE(offline->config, live->config);
        QCOMPARE(offline->topChainId(), live->topChainId());
        QCOMPARE(atlas->resolveImage(test::testNamespace(), QStringLiteral("no/such:image"), kSnapshotter).error().code,
                 int(Error::NotFound));
    }

private:
    std::shared_ptr<const Client> m_client;
};

QTEST_GUILESS_MAIN(TstOfflineAtlasLive)
#include "tst_offlineatlas_live.moc"
