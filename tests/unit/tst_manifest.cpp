#include "oci/descriptor.h"
#include "oci/imageconfig.h"
#include "oci/imagelayer.h"
#include "oci/manifest.h"
#include "oci/manifestindex.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace strata;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/oci/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

template<typename T>
T must(Result<T> r, const char *what)
{
    if (!r)
        qFatal("%s: %s", what, qPrintable(r.error().message));
    return std::move(r).value();
}

Platform platform(const char *os, const char *arch, const char *variant = "", const char *osVersion = "")
{
    return Platform{QString::fromLatin1(os), QString::fromLatin1(arch), QString::fromLatin1(variant),
                    QString::fromLatin1(osVersion), {}};
}

} // namespace

Q_DECLARE_METATYPE(Platform)

class TstManifest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The umoci image's blobs are stored byte for byte, so each digest can be checked.
    void umociDigestsPointAtTheBytes()
    {
        const auto index = must(ManifestIndex::parse(fixture(QStringLiteral("umoci-index.json"))), "index");
        QCOMPARE(index.manifests.size(), 1);
        const Descriptor &m = index.manifests[0];
        QCOMPARE(m.annotations.value(QStringLiteral("org.opencontainers.image.ref.name")), QStringLiteral("t"));
        const QByteArray manifestBytes = fixture(QStringLiteral("umoci-manifest.json"));
        QCOMPARE(Descriptor::sha256Of(manifestBytes), m.digest);
        QCOMPARE(qint64(manifestBytes.size()), m.size);

        const auto manifest = must(Manifest::parse(manifestBytes, m.mediaType), "manifest");
        const QByteArray configBytes = fixture(QStringLiteral("umoci-config.json"));
        QCOMPARE(Descriptor::sha256Of(configBytes), manifest.config.digest);
        QCOMPARE(qint64(configBytes.size()), manifest.config.size);
        QCOMPARE(manifest.config.mediaType, QStringLiteral("application/vnd.oci.image.config.v1+json"));
        QCOMPARE(manifest.layers.size(), 3);
        for (const auto &l : manifest.layers)
            QCOMPARE(l.mediaType, QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"));
    }

    void umociConfig()
    {
        const auto c = must(ImageConfig::parse(fixture(QStringLiteral("umoci-config.json"))), "config");
        QCOMPARE(c.platform(), platform("linux", "amd64"));
        QCOMPARE(c.entrypoint, QStringList{QStringLiteral("/bin/busybox")});
        QCOMPARE(c.cmd, QStringList{QStringLiteral("sh")});
        QCOMPARE(c.env, QStringList{QStringLiteral("FOO=bar")});
        QCOMPARE(c.workingDir, QStringLiteral("/etc"));
        QCOMPARE(c.user, QStringLiteral("1000:1000"));
        QCOMPARE(c.labels.value(QStringLiteral("org.example")), QStringLiteral("strata"));
        QCOMPARE(c.rootfsType, QStringLiteral("layers"));
        QCOMPARE(c.diffIds.size(), 3);
    }

    // ctr's `snapshots ls` after importing the image: every layer is committed under its chain ID
    // with the layer below as parent.
    void umociLayersMatchContainerdSnapshots()
    {
        const auto manifest = must(Manifest::parse(fixture(QStringLiteral("umoci-manifest.json"))), "manifest");
        const auto config = must(ImageConfig::parse(fixture(QStringLiteral("umoci-config.json"))), "config");
        const auto layers = must(ImageLayer::fromImage(manifest, config), "layers");
        QCOMPARE(layers.size(), 3);

        QMap<QString, QString> parentOf;
        for (const QByteArray &line : fixture(QStringLiteral("umoci-snapshots-ls.txt")).split('\n')) {
            const QStringList cols = QString::fromLatin1(line).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (cols.size() == 3)
                parentOf.insert(cols[0], cols[1]);
            else if (cols.size() == 2)
                parentOf.insert(cols[0], QString());
        }
        QCOMPARE(parentOf.size(), 3);
        for (int i = 0; i < layers.size(); ++i) {
            const ImageLayer &l = layers[i];
            QCOMPARE(l.position, i);
            QCOMPARE(l.digest, manifest.layers[i].digest);
            QCOMPARE(l.size, manifest.layers[i].size);
            QCOMPARE(l.mediaType, manifest.layers[i].mediaType);
            QCOMPARE(l.diffId, config.diffIds[i]);
            QVERIFY2(parentOf.contains(l.chainId), qPrintable(l.chainId));
            QCOMPARE(parentOf.value(l.chainId), i == 0 ? QString() : layers[i - 1].chainId);
        }
        QCOMPARE(layers[0].chainId, layers[0].diffId);
    }

    void specExamples()
    {
        const auto index = must(ManifestIndex::parse(fixture(QStringLiteral("spec-index-example.json"))), "index");
        QCOMPARE(index.mediaType, QStringLiteral("application/vnd.oci.image.index.v1+json"));
        QCOMPARE(index.manifests.size(), 2);
        QCOMPARE(index.manifests[0].platform->architecture, QStringLiteral("ppc64le"));
        QCOMPARE(index.annotations.value(QStringLiteral("com.example.key2")), QStringLiteral("value2"));
        const auto chosen = must(index.select(PlatformMatcher(platform("linux", "x86_64"))), "select");
        QCOMPARE(chosen.digest, QStringLiteral("sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"));
        QCOMPARE(chosen.size, qint64(7682));

        const auto manifest = must(Manifest::parse(fixture(QStringLiteral("spec-manifest-example.json"))), "manifest");
        QCOMPARE(manifest.layers.size(), 3);
        QCOMPARE(manifest.layers[2].size, qint64(73109));
        QCOMPARE(manifest.config.size, qint64(7023));

        const auto config = must(ImageConfig::parse(fixture(QStringLiteral("spec-config-example.json"))), "config");
        QCOMPARE(config.user, QStringLiteral("alice"));
        QCOMPARE(config.env.size(), 3);
        QCOMPARE(config.cmd.size(), 3);
        QCOMPARE(config.workingDir, QStringLiteral("/home/alice"));
        QCOMPARE(config.diffIds.size(), 2);
        // The spec's example manifest and config are unrelated: three layers against two diff IDs.
        const auto mismatch = ImageLayer::fromImage(manifest, config);
        QVERIFY(!mismatch.ok());
        QCOMPARE(mismatch.error().code, int(Error::Corrupt));
    }

    void dockerManifestAndConfig()
    {
        const auto manifest = must(Manifest::parse(fixture(QStringLiteral("docker-manifest-v2.json"))), "manifest");
        QCOMPARE(manifest.mediaType, QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        QVERIFY(Descriptor::isLayerType(manifest.layers[0].mediaType));
        QCOMPARE(manifest.layers[0].urls.size(), 1);
        const auto config = must(ImageConfig::parse(fixture(QStringLiteral("docker-config.json"))), "config");
        QCOMPARE(config.os, QStringLiteral("windows"));
        QCOMPARE(config.osVersion, QStringLiteral("10.0.20348.2582"));
        QVERIFY(config.entrypoint.isEmpty()); // null in the JSON
        QCOMPARE(config.cmd, QStringList{QStringLiteral("c:\\windows\\system32\\cmd.exe")});
        QCOMPARE(config.user, QStringLiteral("ContainerUser"));
        const auto layers = must(ImageLayer::fromImage(manifest, config), "layers");
        QCOMPARE(layers[1].chainId, Descriptor::sha256Of((config.diffIds[0] + QLatin1Char(' ') + config.diffIds[1]).toLatin1()));
    }

    void dockerListSelection_data()
    {
        QTest::addColumn<Platform>("target");
        QTest::addColumn<QString>("chosen"); // os/arch[/variant] [os.version] of the pick; empty: none
        QTest::newRow("amd64") << platform("linux", "x86_64") << "linux/amd64";
        QTest::newRow("arm64 no variant") << platform("linux", "aarch64") << "linux/arm64/v8";
        QTest::newRow("arm default v7") << platform("linux", "arm") << "linux/arm/v7";
        QTest::newRow("arm v6") << platform("linux", "arm", "v6") << "linux/arm/v6";
        QTest::newRow("armhf") << platform("linux", "armhf") << "linux/arm/v7";
        QTest::newRow("arm v5 has none") << platform("linux", "arm", "v5") << "";
        QTest::newRow("s390x has none") << platform("linux", "s390x") << "";
        QTest::newRow("windows ltsc2022, newest revision") << platform("windows", "amd64", "", "10.0.20348.2000") << "windows/amd64 10.0.20348.2655";
        QTest::newRow("windows ltsc2019") << platform("windows", "amd64", "", "10.0.17763.1") << "windows/amd64 10.0.17763.6189";
        QTest::newRow("windows 11 has none") << platform("windows", "amd64", "", "10.0.22631.1") << "";
    }
    void dockerListSelection()
    {
        QFETCH(Platform, target);
        QFETCH(QString, chosen);
        const auto list = must(ManifestIndex::parse(fixture(QStringLiteral("docker-manifest-list.json"))), "list");
        QCOMPARE(list.manifests.size(), 9);
        const auto pick = list.select(PlatformMatcher(target));
        QCOMPARE(pick.ok(), !chosen.isEmpty());
        if (!pick) {
            QCOMPARE(pick.error().code, int(Error::NotFound));
            QVERIFY(pick.error().message.contains(QStringLiteral("linux/arm64/v8")));
            return;
        }
        QString name = pick->platform->normalized().toString();
        if (!pick->platform->osVersion.isEmpty())
            name += QLatin1Char(' ') + pick->platform->osVersion;
        QCOMPARE(name, chosen);
    }

    void amd64FallsBackTo386()
    {
        auto list = must(ManifestIndex::parse(fixture(QStringLiteral("docker-manifest-list.json"))), "list");
        list.manifests.removeFirst(); // linux/amd64
        const auto pick = must(list.select(PlatformMatcher(platform("linux", "amd64"))), "select");
        QCOMPARE(pick.platform->architecture, QStringLiteral("386"));
    }

    void buildxSkipsAttestations()
    {
        const auto index = must(ManifestIndex::parse(fixture(QStringLiteral("buildx-index.json"))), "index");
        const auto arm = must(index.select(PlatformMatcher(platform("linux", "arm64", "v8"))), "arm64");
        QCOMPARE(arm.size, qint64(1235));
        const auto riscv = index.select(PlatformMatcher(platform("linux", "riscv64")));
        QVERIFY(!riscv.ok());
        QVERIFY(riscv.error().message.contains(QStringLiteral("linux/amd64, linux/arm64/v8")));
        QVERIFY(!riscv.error().message.contains(QStringLiteral("unknown")));
    }

    void platformlessEntriesComeLast()
    {
        const QByteArray json = R"({"schemaVersion":2,"manifests":[
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"},
            {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":2,"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","platform":{"os":"linux","architecture":"amd64"}}]})";
        const auto index = must(ManifestIndex::parse(json, QStringLiteral("application/vnd.oci.image.index.v1+json")), "index");
        QCOMPARE(must(index.select(PlatformMatcher(platform("linux", "amd64"))), "amd64").size, qint64(2));
        QCOMPARE(must(index.select(PlatformMatcher(platform("linux", "arm64"))), "arm64").size, qint64(1));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mediaType");
        QTest::addColumn<int>("code");
        QTest::newRow("not json") << QByteArray("{") << QString() << int(Error::Corrupt);
        QTest::newRow("index as manifest") << fixture(QStringLiteral("spec-index-example.json")) << QString() << int(Error::InvalidArgument);
        QTest::newRow("untyped index as manifest") << QByteArray(R"({"schemaVersion":2,"manifests":[]})") << QString() << int(Error::InvalidArgument);
        QTest::newRow("schema 1") << QByteArray(R"({"schemaVersion":1,"name":"x","fsLayers":[]})") << QString() << int(Error::Unimplemented);
        QTest::newRow("no config") << QByteArray(R"({"schemaVersion":2,"layers":[]})") << QString() << int(Error::Corrupt);
        QTest::newRow("bad digest") << QByteArray(R"({"schemaVersion":2,"config":{"digest":"sha256:abc","size":1},"layers":[]})") << QString() << int(Error::Corrupt);
        QTest::newRow("size is text") << QByteArray(R"({"schemaVersion":2,"config":{"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":"1"},"layers":[]})") << QString() << int(Error::Corrupt);
        QTest::newRow("annotation number") << QByteArray(R"({"schemaVersion":2,"config":{"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":1},"layers":[],"annotations":{"a":1}})") << QString() << int(Error::Corrupt);
        QTest::newRow("config blob type") << QByteArray(R"({"schemaVersion":2,"layers":[]})") << QStringLiteral("application/vnd.oci.image.config.v1+json") << int(Error::InvalidArgument);
    }
    void refusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mediaType);
        QFETCH(int, code);
        const auto m = Manifest::parse(json, mediaType);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().code, code);
        QVERIFY(!m.error().message.isEmpty());
    }

    void configRefusals()
    {
        QCOMPARE(ImageConfig::parse("[]").error().code, int(Error::Corrupt));
        QCOMPARE(ImageConfig::parse(R"({"os":"linux"})").error().code, int(Error::Corrupt));
        QCOMPARE(ImageConfig::parse(R"({"rootfs":{"diff_ids":["nope"]}})").error().code, int(Error::Corrupt));
        QCOMPARE(ImageConfig::parse(R"({"config":{"Env":"A=1"},"rootfs":{"diff_ids":[]}})").error().code, int(Error::Corrupt));
        QVERIFY(ImageConfig::parse(R"({"rootfs":{"type":"layers","diff_ids":[]}})").ok());
        // A string where a list belongs is refused, not read as a list of characters.
        QCOMPARE(Descriptor::fromJson(nlohmann::json::parse(
                     R"({"mediaType":"application/vnd.oci.image.layer.v1.tar","size":1,"urls":"http://x",)"
                     R"("digest":"sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"})"))
                     .error().code,
                 int(Error::Corrupt));
        QCOMPARE(ManifestIndex::parse(R"({"manifests":{}})").error().code, int(Error::Corrupt));
        QCOMPARE(ManifestIndex::parse(fixture(QStringLiteral("umoci-manifest.json")), QStringLiteral("application/vnd.oci.image.manifest.v1+json")).error().code,
                 int(Error::InvalidArgument));
    }

    void digests_data()
    {
        QTest::addColumn<QString>("digest");
        QTest::addColumn<bool>("valid");
        QTest::newRow("sha256") << "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270" << true;
        QTest::newRow("upper hex") << "sha256:5B0BCABD1ED22E9FB1310CF6C2DEC7CDEF19F0AD69EFA1F392E94A4333501270" << false;
        QTest::newRow("short") << "sha256:5b0bcabd" << false;
        QTest::newRow("no algorithm") << "5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270" << false;
        QTest::newRow("other algorithm") << "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8" << true;
        QTest::newRow("empty") << "" << false;
    }
    void digests()
    {
        QFETCH(QString, digest);
        QFETCH(bool, valid);
        QCOMPARE(Descriptor::isValidDigest(digest), valid);
    }

    void sha256OfKnownAnswer()
    {
        QCOMPARE(Descriptor::sha256Of(QByteArray()), QStringLiteral("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
};

QTEST_GUILESS_MAIN(TstManifest)
#include "tst_manifest.moc"
