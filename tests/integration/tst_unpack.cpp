#include "testenv.h"

#include "client/client.h"
#include "client/contentservice.h"
#include "client/snapshotsservice.h"
#include "images/imageunpacker.h"
#include "oci/imageresolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kImage = QStringLiteral("strata.test/three:latest");
const QString kSnapshotter = QStringLiteral("overlayfs");

} // namespace

// The image's content without its snapshots: the test image exported from the test namespace
// and imported with --no-unpack into a namespace of this suite's own, where no snapshot of its
// chain exists (snapshots are per namespace; blobs are shared on disk).
class TestUnpack : public QObject
{
    Q_OBJECT

    QString m_ns = QStringLiteral("tst-unpack-%1").arg(QCoreApplication::applicationPid());
    std::shared_ptr<const Client> m_client;
    ResolvedImage m_image;

    QStringList snapshotKeys() const
    {
        auto list = SnapshotsService(m_client, kSnapshotter).list();
        QStringList keys;
        if (!list)
            return {QStringLiteral("(list failed: %1)").arg(list.error().message)};
        for (const auto &s : *list)
            keys << s.key;
        return keys;
    }

    void removeChain()
    {
        for (auto it = m_image.layers.crbegin(); it != m_image.layers.crend(); ++it)
            SnapshotsService(m_client, kSnapshotter).remove(it->chainId);
        QVERIFY(snapshotKeys().isEmpty());
    }

    static QString leases(const QString &ns)
    {
        return QString::fromUtf8(ctr({QStringLiteral("leases"), QStringLiteral("ls")}, ns).out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("three.tar"));
        auto exported = ctr({QStringLiteral("images"), QStringLiteral("export"), archive, kImage});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        auto imported = ctr({QStringLiteral("images"), QStringLiteral("import"), QStringLiteral("--no-unpack"), archive}, m_ns);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        auto c = Client::create({test::address(), m_ns, std::chrono::seconds(10)});
        QVERIFY(c.ok());
        m_client = *c;
        auto image = ImageResolver(m_client).resolve(kImage);
        QVERIFY2(image.ok(), qPrintable(image.ok() ? QString() : image.error().message));
        m_image = *image;
        QCOMPARE(m_image.layers.size(), 3);
        QVERIFY(snapshotKeys().isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        ctr({QStringLiteral("images"), QStringLiteral("rm"), kImage}, m_ns);
        removeChain();
        ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), m_ns});
    }

    void unpacksTheChainWithItsLabels()
    {
        QStringList seen;
        auto layers = ImageUnpacker(m_client, kSnapshotter).unpack(m_image, nullptr, [&seen](const ImageLayer &l, bool done) {
            seen << QStringLiteral("%1%2").arg(l.position).arg(done ? QStringLiteral("+") : QStringLiteral("-"));
        });
        QVERIFY2(layers.ok(), qPrintable(layers.ok() ? QString() : layers.error().message));
        QCOMPARE(seen, (QStringList{QStringLiteral("0-"), QStringLiteral("0+"), QStringLiteral("1-"), QStringLiteral("1+"),
                                    QStringLiteral("2-"), QStringLiteral("2+")}));
        QString parent;
        for (const auto &l : *layers) {
            QVERIFY(!l.alreadyPresent);
            auto info = SnapshotsService(m_client, kSnapshotter).stat(l.layer.chainId);
            QVERIFY(info.ok());
            QCOMPARE(info->kind, SnapshotKind::Committed);
            QCOMPARE(info->parent, parent);
            parent = l.layer.chainId;
            auto blob = ContentService(m_client).info(l.layer.digest);
            QVERIFY(blob.ok());
            QCOMPARE(blob->labels.value(QStringLiteral("containerd.io/uncompressed")), l.layer.diffId);
        }
        auto config = ContentService(m_client).info(m_image.configDigest);
        QVERIFY(config.ok());
        QCOMPARE(config->labels.value(QStringLiteral("containerd.io/gc.ref.snapshot.overlayfs")), m_image.topChainId());
        // Nothing of the work is left: no extraction key, no lease.
        QCOMPARE(snapshotKeys().size(), 3);
        QVERIFY(!leases(m_ns).contains(QLatin1String("strata-unpack-")));
    }

    void secondUnpackFindsEverythingPresent()
    {
        int extracting = 0;
        auto layers = ImageUnpacker(m_client, kSnapshotter).unpack(m_image, nullptr, [&extracting](const ImageLayer &, bool done) {
            extracting += done ? 0 : 1;
        });
        QVERIFY(layers.ok());
        for (const auto &l : *layers)
            QVERIFY(l.alreadyPresent);
        QCOMPARE(extracting, 0); // nothing announced as being unpacked
        QCOMPARE(snapshotKeys().size(), 3);
    }

    void aMissingBlobIsRefusedBeforeAnythingIsMade()
    {
        removeChain();
        ResolvedImage broken = m_image;
        broken.layers[2].digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
        auto layers = ImageUnpacker(m_client, kSnapshotter).unpack(broken);
        QVERIFY(!layers.ok());
        QVERIFY(layers.error().is(Error::NotFound));
        QVERIFY2(layers.error().message.contains(QLatin1String("not in the content store")), qPrintable(layers.error().message));
        QVERIFY(snapshotKeys().isEmpty());
    }

    void aWrongDiffIdIsRefusedAndLeavesNoExtraction()
    {
        ResolvedImage wrong = m_image;
        wrong.layers[0].diffId = QStringLiteral("sha256:") + QString(64, QLatin1Char('1'));
        wrong.layers[0].chainId = wrong.layers[0].diffId;
        auto layers = ImageUnpacker(m_client, kSnapshotter).unpack(wrong);
        QVERIFY(!layers.ok());
        QVERIFY(layers.error().is(Error::DataLoss));
        QVERIFY(layers.error().message.contains(m_image.layers[0].diffId));
        QVERIFY2(snapshotKeys().isEmpty(), qPrintable(snapshotKeys().join(QLatin1Char(' '))));
    }

    void cancelledBeforeALayerLeavesNoExtraction()
    {
        std::atomic_bool cancel = false;
        auto layers = ImageUnpacker(m_client, kSnapshotter).unpack(m_image, &cancel, [&cancel](const ImageLayer &l, bool done) {
            if (l.position == 1 && done)
                cancel = true;
        });
        QVERIFY(!layers.ok());
        QVERIFY(layers.error().is(Error::Cancelled));
        // The two committed layers are valid snapshots; nothing half-made is left.
        for (const QString &key : snapshotKeys())
            QVERIFY2(!key.startsWith(QLatin1String("extract-")), qPrintable(key));
        QVERIFY(!leases(m_ns).contains(QLatin1String("strata-unpack-")));
        removeChain();
    }

    void stratactlUnpackNamesTheFolders()
    {
        auto r = test::runProgram(test::env("STRATACTL"),
                                  {QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"), m_ns,
                                   QStringLiteral("--json"), QStringLiteral("unpack"), kImage});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("name")).toString(), kImage);
        const QJsonArray layers = summary.value(QStringLiteral("layers")).toArray();
        QCOMPARE(layers.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject l = layers.at(i).toObject();
            QCOMPARE(l.value(QStringLiteral("chainId")).toString(), m_image.layers.at(i).chainId);
            QVERIFY(!l.value(QStringLiteral("alreadyPresent")).toBool());
            // Root on the containerd host reads the snapshotter's metadata.db.
            QVERIFY(!l.value(QStringLiteral("id")).toString().isEmpty());
            QVERIFY(l.value(QStringLiteral("path")).toString().endsWith(QLatin1String("/snapshots/") + l.value(QStringLiteral("id")).toString()));
        }
        auto again = test::runProgram(test::env("STRATACTL"), {QStringLiteral("--address"), test::address(),
                                                               QStringLiteral("--namespace"), m_ns, QStringLiteral("unpack"), kImage});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(again.out.count("already present"), 3);
        auto missing = test::runProgram(test::env("STRATACTL"), {QStringLiteral("--address"), test::address(),
                                                                 QStringLiteral("--namespace"), m_ns, QStringLiteral("unpack"),
                                                                 QStringLiteral("nope:latest")});
        QCOMPARE(missing.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestUnpack)
#include "tst_unpack.moc"
