#include "tcpproxy.h"
#include "testenv.h"

#include "client/client.h"
#include "client/contentservice.h"
#include "client/imagesservice.h"
#include "client/snapshotsservice.h"
#include "oci/imageresolver.h"
#include "pull/imagepuller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace strata;
using strata::test::ctr;
using strata::test::registry;
using strata::test::TcpProxy;

namespace {

const QString kSnapshotter = QStringLiteral("overlayfs");

// QVERIFY2 builds its message before it tests, so the message must not assume a failure.
template <typename T> QByteArray why(const Result<T> &r)
{
    return r ? QByteArray() : QStringLiteral("%1 (code %2)").arg(r.error().message).arg(r.error().code).toUtf8();
}

quint16 portOf(const QString &hostPort) { return quint16(hostPort.section(QLatin1Char(':'), -1).toUInt()); }

} // namespace

// Pulls from the private registries (registry_up) into a namespace of each test's own, so every
// pull starts with no content and no snapshots; the test images in the strata-test namespace
// are the reference for what a correct pull makes.
class TestPull : public QObject
{
    Q_OBJECT

    int m_round = 0;
    QString m_ns;
    std::shared_ptr<const Client> m_client;
    std::shared_ptr<const Client> m_reference;

    PullOptions plain(const QString &name, const QString &host = registry("PLAIN")) const
    {
        PullOptions o;
        o.reference = host + QStringLiteral("/strata/") + name;
        o.registry.plainHttp = true;
        return o;
    }

    PullOptions secure(const QString &name, const QString &password) const
    {
        PullOptions o;
        o.reference = registry("SECURE") + QStringLiteral("/strata/") + name;
        o.registry.caFile = registry("CA");
        o.registry.credentials = RegistryCredentials{registry("USER"), password};
        return o;
    }

    Result<PulledImage> pull(const PullOptions &o, QList<PullEvent> *events = nullptr, const std::atomic_bool *cancel = nullptr)
    {
        return ImagePuller(m_client, o).pull(cancel, [events](const PullEvent &e) {
            if (events)
                events->append(e);
        });
    }

    QStringList chainOf(const QString &testImage) const
    {
        auto image = ImageResolver(m_reference).resolve(testImage);
        if (!image)
            return {QStringLiteral("(cannot resolve %1: %2)").arg(testImage, image.error().message)};
        QStringList ids;
        for (const auto &l : image->layers)
            ids << l.chainId;
        return ids;
    }

    QStringList snapshotKeys() const
    {
        auto list = SnapshotsService(m_client, kSnapshotter).list();
        QStringList keys;
        if (!list)
            return {QStringLiteral("(list failed: %1)").arg(list.error().message)};
        for (const auto &s : *list)
            keys << s.key;
        keys.sort();
        return keys;
    }

    QStringList imageNames() const
    {
        auto list = ImagesService(m_client).list();
        QStringList names;
        for (const auto &i : list ? *list : QList<ImageRecord>{})
            names << i.name;
        return names;
    }

    QString leases() const { return QString::fromUtf8(ctr({QStringLiteral("leases"), QStringLiteral("ls"), QStringLiteral("-q")}, m_ns).out).trimmed(); }

    QMap<QString, QString> labelsOf(const QString &digest) const
    {
        auto info = ContentService(m_client).info(digest);
        return info ? info->labels : QMap<QString, QString>{{QStringLiteral("(missing)"), digest}};
    }

    // Runs a container of the pulled image: the proof that the chain is complete and in order.
    QByteArray runCat(const QString &image, const QString &file)
    {
        auto r = ctr({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--snapshotter"), kSnapshotter, image,
                      QStringLiteral("tst-pull-%1").arg(m_round), QStringLiteral("/bin/cat"), file},
                     m_ns);
        return r.exitCode == 0 ? r.out : QByteArray("ctr run failed: ") + r.err;
    }

    void expectNothingMade(const Result<PulledImage> &pulled)
    {
        QVERIFY(!pulled);
        QCOMPARE(imageNames(), QStringList{});
        QCOMPARE(snapshotKeys(), QStringList{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_REGISTRY();
        auto c = Client::create({test::address(), test::testNamespace(), std::chrono::seconds(10)});
        QVERIFY(c.ok());
        m_reference = *c;
    }

    void init()
    {
        m_ns = QStringLiteral("tst-pull-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_round);
        auto c = Client::create({test::address(), m_ns, std::chrono::seconds(10)});
        QVERIFY(c.ok());
        m_client = *c;
    }

    // Images and leases go; containerd's collector then takes the content and snapshots.
    void cleanup()
    {
        for (const QString &name : imageNames())
            ImagesService(m_client).remove(name, true);
        for (const QString &lease : leases().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            ctr({QStringLiteral("leases"), QStringLiteral("rm"), QStringLiteral("--sync"), lease}, m_ns);
        ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), m_ns});
    }

    void pullsThreeLayersIntoAWorkingImage()
    {
        QList<PullEvent> events;
        const PullOptions o = plain(QStringLiteral("three:latest"));
        auto pulled = pull(o, &events);
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(pulled->name, o.reference);
        QCOMPARE(imageNames(), QStringList{o.reference});
        QCOMPARE(pulled->layers.size(), 3);
        QStringList chain;
        for (const auto &l : pulled->layers)
            chain << l.layer.chainId;
        QCOMPARE(chain, chainOf(QStringLiteral("strata.test/three:latest")));
        QStringList expectedKeys = chain;
        expectedKeys.sort();
        QCOMPARE(snapshotKeys(), expectedKeys);
        QCOMPARE(runCat(o.reference, QStringLiteral("/strata/shadowed.txt")), QByteArray("layer 3\n"));
        QCOMPARE(leases(), QString());

        // Each layer unpacks after its download is stored and after its parent unpacked.
        QList<int> unpackedOrder;
        for (int i = 0; i < events.size(); ++i) {
            const PullEvent &e = events.at(i);
            if (e.kind != QLatin1String("layer") || e.stage != PullEvent::Stage::Unpacked)
                continue;
            unpackedOrder << e.layer;
            QCOMPARE(e.chainId, chain.at(e.layer));
            const bool storedBefore = std::any_of(events.begin(), events.begin() + i, [&](const PullEvent &s) {
                return s.layer == e.layer && s.stage == PullEvent::Stage::Stored;
            });
            QVERIFY2(storedBefore, qPrintable(QStringLiteral("layer %1 unpacked before it was stored").arg(e.layer)));
        }
        QCOMPARE(unpackedOrder, (QList<int>{0, 1, 2}));
    }

    // What containerd's garbage collector reads to keep the image, as the Go client labels it.
    void labelsTheContentForTheCollector()
    {
        const PullOptions o = plain(QStringLiteral("three:latest"));
        auto pulled = pull(o);
        QVERIFY2(pulled, why(pulled).constData());
        const QString source = QStringLiteral("containerd.io/distribution.source.") + registry("PLAIN");
        const auto manifest = labelsOf(pulled->digest);
        QCOMPARE(manifest.value(source), QStringLiteral("strata/three"));
        for (int i = 0; i < 3; ++i) {
            const QString layer = pulled->layers.at(i).layer.digest;
            QCOMPARE(manifest.value(QStringLiteral("containerd.io/gc.ref.content.l.%1").arg(i)), layer);
            QCOMPARE(labelsOf(layer).value(QStringLiteral("containerd.io/uncompressed")), pulled->layers.at(i).layer.diffId);
            QCOMPARE(labelsOf(layer).value(source), QStringLiteral("strata/three"));
        }
        const QString config = manifest.value(QStringLiteral("containerd.io/gc.ref.content.config"));
        QVERIFY(!config.isEmpty());
        QCOMPARE(labelsOf(config).value(QStringLiteral("containerd.io/gc.ref.snapshot.") + kSnapshotter),
                 pulled->layers.constLast().layer.chainId);
        // With the lease gone and the image removed, the collector takes everything.
        QVERIFY(ImagesService(m_client).remove(pulled->name, true));
        QVERIFY(!ContentService(m_client).info(pulled->digest));
        QCOMPARE(snapshotKeys(), QStringList{});
    }

    void choosesTheHostPlatformFromAnIndex()
    {
        auto pulled = pull(plain(QStringLiteral("multi:latest")));
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(pulled->mediaType, QStringLiteral("application/vnd.oci.image.index.v1+json"));
        QCOMPARE(pulled->layers.size(), 1);
        QCOMPARE(pulled->layers.constFirst().layer.chainId, chainOf(QStringLiteral("strata.test/one:latest")).constFirst());
        const auto index = labelsOf(pulled->digest);
        QVERIFY(index.contains(QStringLiteral("containerd.io/gc.ref.content.m.0")));
        QVERIFY(!index.contains(QStringLiteral("containerd.io/gc.ref.content.m.1")));
    }

    void choosesAnotherPlatformWhenAsked()
    {
        PullOptions o = plain(QStringLiteral("multi:latest"));
        auto platform = Platform::parse(registry("OTHER_PLATFORM"));
        QVERIFY(platform);
        o.platform = *platform;
        auto pulled = pull(o);
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(pulled->layers.size(), 3);
        QCOMPARE(pulled->platform, platform->normalized().toString());
    }

    void allPlatformsFetchesEveryManifestButUnpacksOne()
    {
        PullOptions o = plain(QStringLiteral("multi:latest"));
        o.allPlatforms = true;
        auto pulled = pull(o);
        QVERIFY2(pulled, why(pulled).constData());
        const auto index = labelsOf(pulled->digest);
        const QString other = index.value(QStringLiteral("containerd.io/gc.ref.content.m.1"));
        QVERIFY(!other.isEmpty());
        const auto otherManifest = labelsOf(other);
        for (int i = 0; i < 3; ++i)
            QVERIFY(ContentService(m_client).info(otherManifest.value(QStringLiteral("containerd.io/gc.ref.content.l.%1").arg(i))));
        QCOMPARE(snapshotKeys(), chainOf(QStringLiteral("strata.test/one:latest")));
    }

    void pullsByDigest()
    {
        auto first = pull(plain(QStringLiteral("three:latest")));
        QVERIFY2(first, why(first).constData());
        PullOptions o = plain(QStringLiteral("three@") + first->digest);
        auto pulled = pull(o);
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(pulled->digest, first->digest);
        QVERIFY(imageNames().contains(o.reference));
        for (const auto &l : pulled->layers)
            QVERIFY(l.alreadyPresent);
    }

    void unknownTagSaysSoAndMakesNothing()
    {
        auto pulled = pull(plain(QStringLiteral("three:nope")));
        expectNothingMade(pulled);
        QCOMPARE(pulled.error().message, QStringLiteral("no image strata/three:nope at %1").arg(registry("PLAIN")));
        QCOMPARE(leases(), QString());
    }

    void securePullWithTheCaAndCredentials()
    {
        auto pulled = pull(secure(QStringLiteral("three:latest"), registry("PASSWORD")));
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(pulled->layers.size(), 3);
    }

    void wrongPasswordIsRefused()
    {
        auto pulled = pull(secure(QStringLiteral("three:latest"), QStringLiteral("not-the-password")));
        expectNothingMade(pulled);
        QCOMPARE(pulled.error().code, int(Error::Unauthenticated));
        QVERIFY2(pulled.error().message.contains(QLatin1String("refused the credentials")), qPrintable(pulled.error().message));
    }

    void missingCredentialsSayHowToGiveThem()
    {
        PullOptions o = secure(QStringLiteral("three:latest"), {});
        o.registry.credentials.reset();
        qputenv("DOCKER_CONFIG", QByteArray("/nonexistent"));
        auto pulled = pull(o);
        qunsetenv("DOCKER_CONFIG");
        expectNothingMade(pulled);
        QVERIFY2(pulled.error().message.contains(QLatin1String("--user")), qPrintable(pulled.error().message));
    }

    void tlsWithoutTheCaNamesTheOption()
    {
        PullOptions o = secure(QStringLiteral("three:latest"), registry("PASSWORD"));
        o.registry.caFile.clear();
        auto pulled = pull(o);
        expectNothingMade(pulled);
        QVERIFY2(pulled.error().message.contains(QLatin1String("--ca-file")), qPrintable(pulled.error().message));
        QCOMPARE(pulled.error().origin, Error::Origin::Registry);
    }

    void cancelMidBlobLeavesNothingButTheLease()
    {
        // Slowed to about 1.6 MB/s, so the 1 MiB fresh layer is still streaming when cancelled.
        TcpProxy proxy(portOf(registry("PLAIN")), {.bytesPerTick = 16384});
        QVERIFY(proxy.port());
        std::atomic_bool cancel = false;
        QList<PullEvent> events;
        auto pulled = ImagePuller(m_client, plain(QStringLiteral("fresh:latest"), proxy.host()))
                          .pull(&cancel, [&](const PullEvent &e) {
                              events << e;
                              if (e.kind == QLatin1String("layer") && e.stage == PullEvent::Stage::Downloading && e.offset > 0)
                                  cancel = true;
                          });
        expectNothingMade(pulled);
        QCOMPARE(pulled.error().code, int(Error::Cancelled));
        QVERIFY(leases().startsWith(QLatin1String("strata-pull-")));
        const bool anyUnpacked = std::any_of(events.begin(), events.end(), [](const PullEvent &e) {
            return e.stage == PullEvent::Stage::Unpacked;
        });
        QVERIFY(!anyUnpacked);
    }

    void connectionCutMidBlobIsResumed()
    {
        // Cut twice, each time 200 KiB into a connection: the fresh layer has to resume.
        TcpProxy proxy(portOf(registry("PLAIN")), {.cutAfter = 200 * 1024, .cuts = 2});
        QVERIFY(proxy.port());
        const PullOptions o = plain(QStringLiteral("fresh:latest"), proxy.host());
        auto pulled = pull(o);
        QVERIFY2(pulled, why(pulled).constData());
        QCOMPARE(proxy.cutsMade(), 2);
        QVERIFY2(proxy.requests().contains("Range: bytes="), proxy.requests().constData());
        QCOMPARE(runCat(o.reference, QStringLiteral("/strata/shadowed.txt")), QByteArray("layer 3\n"));
    }

    void connectionCutAgainAndAgainGivesUp()
    {
        TcpProxy proxy(portOf(registry("PLAIN")), {.cutAfter = 200 * 1024, .cuts = 1000});
        QVERIFY(proxy.port());
        auto pulled = pull(plain(QStringLiteral("fresh:latest"), proxy.host()));
        expectNothingMade(pulled);
        QVERIFY2(pulled.error().message.contains(QLatin1String("was cut 5 times")), qPrintable(pulled.error().message));
        QCOMPARE(leases(), QString());
    }

    void corruptBlobIsRefusedAndNotKept()
    {
        TcpProxy proxy(portOf(registry("PLAIN")), {.flipAt = 300 * 1024});
        QVERIFY(proxy.port());
        auto pulled = pull(plain(QStringLiteral("fresh:latest"), proxy.host()));
        expectNothingMade(pulled);
        QCOMPARE(pulled.error().code, int(Error::DataLoss));
        QVERIFY2(pulled.error().message.contains(QLatin1String("refused")), qPrintable(pulled.error().message));
        QVERIFY2(!ctr({QStringLiteral("content"), QStringLiteral("active")}, m_ns).out.contains("sha256:"),
                 "an ingest of the refused blob is left");
        QVERIFY(!ContentService(m_client).info(registry("FRESH_LAYER")));
        QCOMPARE(leases(), QString());
    }

    void stratactlPrintsTheResultAsJson()
    {
        const QString ref = registry("PLAIN") + QStringLiteral("/strata/three:latest");
        auto r = test::runProgram(test::env("STRATACTL"),
                                  {QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"), m_ns,
                                   QStringLiteral("--json"), QStringLiteral("pull"), QStringLiteral("--plain-http"), ref});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        const QJsonObject summary = QJsonDocument::fromJson(lines.constLast()).object();
        QCOMPARE(summary.value(QLatin1String("name")).toString(), ref);
        const QJsonArray layers = summary.value(QLatin1String("layers")).toArray();
        QCOMPARE(layers.size(), 3);
        QStringList chain;
        for (const auto &l : layers)
            chain << l.toObject().value(QLatin1String("chainId")).toString();
        QCOMPARE(chain, chainOf(QStringLiteral("strata.test/three:latest")));
        // Every line before the summary is one progress event.
        QVERIFY(lines.size() > 3);
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            QVERIFY2(QJsonDocument::fromJson(lines.at(i)).object().contains(QLatin1String("stage")), lines.at(i).constData());
    }
};

QTEST_GUILESS_MAIN(TestPull)
#include "tst_pull.moc"
