#include "testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kOne = QStringLiteral("strata.test/one:latest");
const QString kThree = QStringLiteral("strata.test/three:latest");

} // namespace

// stratactl tag, rmi, import and export, end to end against the private containerd and with
// archives written by ctr and skopeo, in namespaces of this suite's own (filled from the test
// namespace with ctr export/import) so that removing images cannot disturb another suite.
class TestImageManagement : public QObject
{
    Q_OBJECT

    QString m_ns = QStringLiteral("tst-images-%1").arg(QCoreApplication::applicationPid());
    // Import targets: each test that imports starts from an empty namespace of its own.
    QString m_importNs;
    QStringList m_namespaces;
    QTemporaryDir m_dir;

    test::ProcessResult stratactl(const QStringList &args, const QString &ns = {}) const
    {
        return test::runProgram(test::env("STRATACTL"),
                                QStringList{QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"),
                                            ns.isEmpty() ? m_ns : ns}
                                    + args);
    }

    QStringList imageNames(const QString &ns = {}) const { return test::imageNames(ns.isEmpty() ? m_ns : ns); }

    // What the namespace holds besides images: none once a failed import is over.
    QStringList leftovers(const QString &ns) const
    {
        QStringList out;
        for (const char *what : {"leases", "content", "snapshots"}) {
            const auto lines = QString::fromUtf8(ctr({QString::fromLatin1(what), QStringLiteral("ls")}, ns).out)
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString &line : lines.mid(1))
                out << QStringLiteral("%1: %2").arg(QString::fromLatin1(what), line.simplified());
        }
        return out;
    }

    QString archive(const QString &name) const { return m_dir.filePath(name); }

    static test::ProcessResult run(const QString &program, const QStringList &args)
    {
        return test::runProgram(program, args);
    }

    QString targetOf(const QString &name) const
    {
        const auto r = stratactl({QStringLiteral("--json"), QStringLiteral("images")});
        for (const auto &row : QJsonDocument::fromJson(r.out).array()) {
            if (row.toObject().value(QStringLiteral("name")).toString() == name)
                return row.toObject().value(QStringLiteral("digest")).toString();
        }
        return {};
    }

    int snapshotCount() const
    {
        return int(QString::fromUtf8(ctr({QStringLiteral("snapshots"), QStringLiteral("ls")}, m_ns).out)
                       .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                       .size())
            - 1; // the header
    }

    // `name` from the test namespace, unpacked here.
    void importFromTestNamespace(const QString &name)
    {
        const QString archive = m_dir.filePath(QString(name).replace(QLatin1Char('/'), QLatin1Char('_')) + QStringLiteral(".tar"));
        auto exported = ctr({QStringLiteral("images"), QStringLiteral("export"), archive, name});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        auto imported = ctr({QStringLiteral("images"), QStringLiteral("import"), archive}, m_ns);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_REGISTRY();
        QVERIFY(m_dir.isValid());
        importFromTestNamespace(kOne);
        importFromTestNamespace(kThree);
        QCOMPARE(imageNames(), (QStringList{kOne, kThree}));
    }

    void cleanupTestCase()
    {
        ctr({QStringLiteral("containers"), QStringLiteral("rm"), QStringLiteral("tst-images-user")}, m_ns);
        m_namespaces << m_ns;
        for (const QString &ns : std::as_const(m_namespaces)) {
            for (const QString &name : imageNames(ns))
                ctr({QStringLiteral("images"), QStringLiteral("rm"), QStringLiteral("--sync"), name}, ns);
            ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), ns});
        }
    }

    void init()
    {
        m_importNs = QStringLiteral("%1-%2").arg(m_ns, QString::fromLatin1(QTest::currentTestFunction()).toLower());
        m_namespaces << m_importNs;
    }

    void tagMakesASecondNameForTheSameTarget()
    {
        auto r = stratactl({QStringLiteral("tag"), kOne, QStringLiteral("strata.test/copy:v1")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("strata.test/copy:v1\n"));
        QCOMPARE(targetOf(QStringLiteral("strata.test/copy:v1")), targetOf(kOne));
        QVERIFY(!targetOf(kOne).isEmpty());
    }

    void tagRefusesAnExistingNameUnlessForced()
    {
        auto refused = stratactl({QStringLiteral("tag"), kThree, QStringLiteral("strata.test/copy:v1")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("already exists") && refused.err.contains("force"), refused.err.constData());
        QCOMPARE(targetOf(QStringLiteral("strata.test/copy:v1")), targetOf(kOne));

        auto forced = stratactl({QStringLiteral("tag"), QStringLiteral("--force"), kThree, QStringLiteral("strata.test/copy:v1")});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QCOMPARE(targetOf(QStringLiteral("strata.test/copy:v1")), targetOf(kThree));
    }

    void tagOfAMissingImageSaysSo()
    {
        auto r = stratactl({QStringLiteral("tag"), QStringLiteral("strata.test/nothing:here"), QStringLiteral("x:y")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("strata.test/nothing:here") && r.err.contains("not found"), r.err.constData());
        QVERIFY(!imageNames().contains(QStringLiteral("x:y")));
        QCOMPARE(stratactl({QStringLiteral("tag"), kOne}).exitCode, 2);
    }

    void rmiRefusesAnImageAContainerUsesAndRemovesNothing()
    {
        QVERIFY(stratactl({QStringLiteral("tag"), kOne, QStringLiteral("strata.test/used:latest")}).exitCode == 0);
        auto created = ctr({QStringLiteral("containers"), QStringLiteral("create"), QStringLiteral("strata.test/used:latest"),
                            QStringLiteral("tst-images-user")},
                           m_ns);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        const QStringList before = imageNames();

        auto refused = stratactl({QStringLiteral("rmi"), QStringLiteral("strata.test/copy:v1"), QStringLiteral("strata.test/used:latest")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("tst-images-user") && refused.err.contains("force"), refused.err.constData());
        QCOMPARE(imageNames(), before); // the first name, which no container uses, is kept too

        auto forced = stratactl({QStringLiteral("rmi"), QStringLiteral("--force"), QStringLiteral("strata.test/used:latest")});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QVERIFY(!imageNames().contains(QStringLiteral("strata.test/used:latest")));
        QVERIFY(ctr({QStringLiteral("containers"), QStringLiteral("rm"), QStringLiteral("tst-images-user")}, m_ns).exitCode == 0);
    }

    void rmiOfAMissingImageRemovesNothing()
    {
        const QStringList before = imageNames();
        auto r = stratactl({QStringLiteral("rmi"), QStringLiteral("strata.test/copy:v1"), QStringLiteral("strata.test/nothing:here")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("strata.test/nothing:here"), r.err.constData());
        QCOMPARE(imageNames(), before);
        QCOMPARE(stratactl({QStringLiteral("rmi")}).exitCode, 2);
    }

    // ctr's export (OCI layout + manifest.json), read into a namespace where none of its
    // snapshots exist: the image is recorded and unpacked, and a container of it sees its files.
    void importsWhatCtrExports()
    {
        const QString file = archive(QStringLiteral("ctr-three.tar"));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("export"), file, kThree}).exitCode == 0);
        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("import"), file}, m_importNs);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 1);
        const QJsonObject image = rows.first().toObject();
        QCOMPARE(image.value(QStringLiteral("name")).toString(), kThree);
        QVERIFY(image.value(QStringLiteral("unpacked")).toBool());
        QCOMPARE(image.value(QStringLiteral("layers")).toArray().size(), 3);
        QCOMPARE(imageNames(m_importNs), QStringList{kThree});
        auto started = ctr({QStringLiteral("run"), QStringLiteral("--rm"), kThree, QStringLiteral("tst-images-import"),
                        QStringLiteral("cat"), QStringLiteral("/strata/shadowed.txt")},
                       m_importNs);
        QVERIFY2(started.exitCode == 0, started.err.constData());
        QCOMPARE(started.out, QByteArray("layer 3\n"));
        QVERIFY(leftovers(m_importNs).filter(QStringLiteral("leases:")).isEmpty());
        const auto listed = QJsonDocument::fromJson(stratactl({QStringLiteral("--json"), QStringLiteral("images")}, m_importNs).out)
                                .array().first().toObject();
        QVERIFY(listed.value(QStringLiteral("unpacked")).toBool());
        QVERIFY(listed.value(QStringLiteral("unpackedSize")).toInteger() > 0);
        QVERIFY(listed.value(QStringLiteral("size")).toInteger() > 0);
    }

    void importsWithoutUnpackingWhenAsked()
    {
        const QString file = archive(QStringLiteral("ctr-one.tar"));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("export"), file, kOne}).exitCode == 0);
        auto r = stratactl({QStringLiteral("import"), QStringLiteral("--no-unpack"), file}, m_importNs);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("(not unpacked)"), r.out.constData());
        QVERIFY(leftovers(m_importNs).filter(QStringLiteral("snapshots:")).isEmpty());
        const auto text = stratactl({QStringLiteral("images")}, m_importNs);
        QVERIFY2(text.out.contains("UNPACKED") && text.out.contains(" no "), text.out.constData());
    }

    // skopeo's oci-archive names the image by its tag alone: the base name goes in front.
    void importsWhatSkopeoWritesUnderTheBaseName()
    {
        const QString layout = test::env("STRATA_TEST_REGISTRY") + QStringLiteral("/images/three");
        const QString file = archive(QStringLiteral("skopeo-three.tar"));
        auto copied = run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("oci:%1:latest").arg(layout),
                                                     QStringLiteral("oci-archive:%1:v7").arg(file)});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());
        auto r = stratactl({QStringLiteral("import"), QStringLiteral("--base-name"), QStringLiteral("example.org/three"), file}, m_importNs);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("example.org/three:v7") && r.out.contains("unpacked into overlayfs"), r.out.constData());
        QCOMPARE(imageNames(m_importNs), QStringList{QStringLiteral("example.org/three:v7")});
    }

    // A docker save archive: no index, manifest.json alone; here ctr's export without its OCI
    // files, gzip-compressed.
    void importsADockerSaveArchiveCompressed()
    {
        const QString file = archive(QStringLiteral("docker-one.tar"));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("export"), file, kOne}).exitCode == 0);
        auto deleted = run(QStringLiteral("tar"), {QStringLiteral("--delete"), QStringLiteral("-f"), file, QStringLiteral("oci-layout"),
                                                   QStringLiteral("index.json")});
        QVERIFY2(deleted.exitCode == 0, deleted.err.constData());
        QVERIFY(run(QStringLiteral("gzip"), {QStringLiteral("-f"), file}).exitCode == 0);
        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("import"), file + QStringLiteral(".gz")}, m_importNs);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject image = QJsonDocument::fromJson(r.out).array().first().toObject();
        QCOMPARE(image.value(QStringLiteral("name")).toString(), kOne);
        QCOMPARE(image.value(QStringLiteral("mediaType")).toString(), QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        QVERIFY(image.value(QStringLiteral("unpacked")).toBool());
        auto started = ctr({QStringLiteral("run"), QStringLiteral("--rm"), kOne, QStringLiteral("tst-images-docker"),
                        QStringLiteral("true")},
                       m_importNs);
        QVERIFY2(started.exitCode == 0, started.err.constData());
    }

    void refusesATruncatedArchiveAndKeepsNothing()
    {
        const QString whole = archive(QStringLiteral("whole.tar"));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("export"), whole, kThree}).exitCode == 0);
        QFile in(whole);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QString cut = archive(QStringLiteral("cut.tar"));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(in.read(in.size() / 2 + 100)); // mid-entry, not on a 512-byte boundary
        out.close();
        auto r = stratactl({QStringLiteral("import"), cut}, m_importNs);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cut.tar is not a whole image archive"), r.err.constData());
        QCOMPARE(imageNames(m_importNs), QStringList());
        QCOMPARE(leftovers(m_importNs), QStringList());

        auto garbage = stratactl({QStringLiteral("import"), test::env("STRATACTL")}, m_importNs);
        QCOMPARE(garbage.exitCode, 1);
        QVERIFY2(garbage.err.contains("is not a whole image archive"), garbage.err.constData());
        QCOMPARE(stratactl({QStringLiteral("import"), archive(QStringLiteral("nothing.tar"))}, m_importNs).exitCode, 1);
    }

    // A blob whose bytes do not have the digest its name says: refused, and the archive's
    // other blobs, stored before it, are taken by the collector.
    void refusesABlobThatIsNotWhatItsNameSays()
    {
        const QString file = archive(QStringLiteral("forged.tar"));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("export"), file, kOne}).exitCode == 0);
        QTemporaryDir extra;
        QVERIFY(QDir(extra.path()).mkpath(QStringLiteral("blobs/sha256")));
        const QByteArray claimed = QCryptographicHash::hash("what the name promises", QCryptographicHash::Sha256).toHex();
        QFile forged(extra.filePath(QStringLiteral("blobs/sha256/") + QString::fromLatin1(claimed)));
        QVERIFY(forged.open(QIODevice::WriteOnly));
        forged.write(QByteArray("something else ") + QByteArray::number(QCoreApplication::applicationPid()));
        forged.close();
        auto appended = run(QStringLiteral("tar"), {QStringLiteral("-rf"), file, QStringLiteral("-C"), extra.path(),
                                                    QStringLiteral("blobs/sha256/") + QString::fromLatin1(claimed)});
        QVERIFY2(appended.exitCode == 0, appended.err.constData());
        auto r = stratactl({QStringLiteral("import"), file}, m_importNs);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(claimed) && r.err.contains("does not hold what its name says"), r.err.constData());
        QCOMPARE(imageNames(m_importNs), QStringList());
        QCOMPARE(leftovers(m_importNs), QStringList());
    }

    // An index of two platforms whose other platform's content is left out on export; the
    // archive is read back by ctr, by skopeo and by Strata.
    void exportIsReadBackByCtrSkopeoAndStrata()
    {
        const QString multi = archive(QStringLiteral("multi-all.tar"));
        auto copied = run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("-q"), QStringLiteral("--all"),
                                                     QStringLiteral("oci:%1:latest").arg(test::env("STRATA_TEST_REGISTRY") + QStringLiteral("/images/multi")),
                                                     QStringLiteral("oci-archive:%1:latest").arg(multi)});
        QVERIFY2(copied.exitCode == 0, copied.err.constData());
        const QString source = m_importNs + QStringLiteral("-src");
        m_namespaces << source;
        auto imported = stratactl({QStringLiteral("import"), QStringLiteral("--base-name"), QStringLiteral("strata.test/multi"), multi}, source);
        QVERIFY2(imported.exitCode == 0, imported.err.constData());

        const QString file = archive(QStringLiteral("exported.tar"));
        auto r = stratactl({QStringLiteral("export"), file, QStringLiteral("strata.test/multi:latest")}, source);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(file + QStringLiteral(".partial")));
        const QString listing = QString::fromUtf8(run(QStringLiteral("tar"), {QStringLiteral("-tf"), file}).out);
        QVERIFY2(listing.contains(QLatin1String("oci-layout\n")) && listing.contains(QLatin1String("index.json\n"))
                     && listing.contains(QLatin1String("manifest.json\n")),
                 qPrintable(listing));
        // The index, and the host's manifest, config and single layer (one's): not the other platform's (three's).
        QCOMPARE(listing.count(QLatin1String("blobs/sha256/")) - 1, 4);

        auto byCtr = ctr({QStringLiteral("images"), QStringLiteral("import"), file}, m_importNs);
        QVERIFY2(byCtr.exitCode == 0, byCtr.err.constData());
        QCOMPARE(imageNames(m_importNs), QStringList{QStringLiteral("strata.test/multi:latest")});
        auto bySkopeo = run(QStringLiteral("skopeo"), {QStringLiteral("inspect"), QStringLiteral("oci-archive:%1:latest").arg(file)});
        QVERIFY2(bySkopeo.exitCode == 0, bySkopeo.err.constData());
        const QString again = m_importNs + QStringLiteral("-again");
        m_namespaces << again;
        auto byStrata = stratactl({QStringLiteral("--json"), QStringLiteral("import"), file}, again);
        QVERIFY2(byStrata.exitCode == 0, byStrata.err.constData());
        QVERIFY(QJsonDocument::fromJson(byStrata.out).array().first().toObject().value(QStringLiteral("unpacked")).toBool());
    }

    void exportOfAMissingImageWritesNothing()
    {
        const QString file = archive(QStringLiteral("never.tar"));
        auto r = stratactl({QStringLiteral("export"), file, kOne, QStringLiteral("strata.test/nothing:here")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("strata.test/nothing:here"), r.err.constData());
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral(".partial")));
        QCOMPARE(stratactl({QStringLiteral("export"), file}).exitCode, 2);
    }

    // The collector takes the snapshots only the removed image kept, and leaves a chain another
    // name still holds.
    void rmiLetsTheCollectorTakeWhatOnlyTheImageKept()
    {
        QCOMPARE(snapshotCount(), 4); // one layer of one, three of three
        auto keep = stratactl({QStringLiteral("rmi"), QStringLiteral("strata.test/copy:v1")});
        QVERIFY2(keep.exitCode == 0, keep.err.constData());
        QCOMPARE(snapshotCount(), 4); // three still holds its chain

        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("rmi"), kThree});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("removed")).toArray(), QJsonArray{kThree});
        QCOMPARE(snapshotCount(), 1); // one's layer, which strata.test/one still holds
        QCOMPARE(imageNames(), QStringList{kOne});
    }
};

QTEST_GUILESS_MAIN(TestImageManagement)
#include "tst_imagemanagement.moc"
