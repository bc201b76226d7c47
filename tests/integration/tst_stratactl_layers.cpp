#include "testenv.h"

#include "client/client.h"
#include "oci/imageresolver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

// `stratactl layers / compose / validate` against the private containerd: a scratch prepared
// on the three-layer image, its valid stack compared with containerd's own overlay mount,
// then composed, validated, broken and validated again.
class TestStratactlLayers : public QObject
{
    Q_OBJECT

    const QString m_scratch = QStringLiteral("strata-layers-scratch");
    QString m_top;
    QTemporaryDir m_dir;

    test::ProcessResult stratactl(const QStringList &args)
    {
        return test::runProgram(test::env("STRATACTL"),
                                QStringList{QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"),
                                            test::testNamespace()}
                                    + args);
    }

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // A copy of the Windows-shaped config with its layerFolders replaced.
    QString withFolders(const QString &source, const QString &name, const QJsonArray &folders)
    {
        QJsonObject config = readJson(source);
        QJsonObject windows = config.value(QStringLiteral("windows")).toObject();
        windows.insert(QStringLiteral("layerFolders"), folders);
        config.insert(QStringLiteral("windows"), windows);
        return write(name, QJsonDocument(config).toJson());
    }

    // What containerd itself mounts for the scratch: lowerdir (nearest first), then upperdir.
    QStringList containerdOrder()
    {
        const auto r = test::ctr({QStringLiteral("snapshots"), QStringLiteral("mounts"), QStringLiteral("/mnt"), m_scratch});
        if (r.exitCode != 0)
            return {};
        const QString out = QString::fromUtf8(r.out);
        const auto lower = QRegularExpression(QStringLiteral("lowerdir=([^, \\n]+)")).match(out);
        const auto upper = QRegularExpression(QStringLiteral("upperdir=([^, \\n]+)")).match(out);
        if (!lower.hasMatch() || !upper.hasMatch())
            return {};
        QStringList order = lower.captured(1).split(QLatin1Char(':')) << upper.captured(1);
        for (QString &dir : order) {
            if (dir.endsWith(QLatin1String("/fs")))
                dir.chop(3);
        }
        return order;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY2(!test::env("STRATACTL").isEmpty(), "STRATACTL is not set: run through ctest");
        QVERIFY(m_dir.isValid());
        auto client = Client::create({test::address(), test::testNamespace()});
        QVERIFY2(client, qPrintable(client ? QString() : client.error().message));
        auto image = ImageResolver(*client).resolve(QStringLiteral("strata.test/three:latest"));
        QVERIFY2(image, qPrintable(image ? QString() : image.error().message));
        QCOMPARE(image->layers.size(), 3);
        m_top = image->topChainId();
        test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), m_scratch}); // a leftover from a killed run
        const auto prepared = test::ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), m_scratch, m_top});
        QVERIFY2(prepared.exitCode == 0, prepared.err.constData());
    }

    void cleanupTestCase()
    {
        if (!m_top.isEmpty())
            test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), m_scratch});
    }

    void layersMatchContainerdMount()
    {
        const QStringList expected = containerdOrder();
        QCOMPARE(expected.size(), 4);
        const auto json = stratactl({QStringLiteral("layers"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        QStringList listed;
        for (const QJsonValue &v : QJsonDocument::fromJson(json.out).array())
            listed << v.toString();
        QCOMPARE(listed, expected);

        const auto text = stratactl({QStringLiteral("layers"), QStringLiteral("--scratch"), m_scratch});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(QString::fromUtf8(text.out).trimmed().split(QLatin1Char('\n')), expected);
    }

    void layersRefusesNonScratch()
    {
        const auto committed = stratactl({QStringLiteral("layers"), QStringLiteral("--scratch"), m_top});
        QCOMPARE(committed.exitCode, 1);
        QVERIFY2(committed.err.contains("not a scratch"), committed.err.constData());
        const auto unknown = stratactl({QStringLiteral("layers"), QStringLiteral("--scratch"), QStringLiteral("no-such-snapshot")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains("stratactl snapshots lists"), unknown.err.constData());
        QVERIFY2(committed.err.contains("ctr snapshots prepare NEW-KEY"), committed.err.constData());
        QCOMPARE(stratactl({QStringLiteral("layers")}).exitCode, 2);
    }

    void composeValidateBreak()
    {
        const QString windows = m_dir.filePath(QStringLiteral("windows.json"));
        const auto composed = stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"),
                                         QStringLiteral("windows"), QStringLiteral("--output"), windows, QStringLiteral("--"),
                                         QStringLiteral("cmd"), QStringLiteral("/c"), QStringLiteral("echo test")});
        QVERIFY2(composed.exitCode == 0, composed.err.constData());
        const QJsonObject config = readJson(windows);
        QCOMPARE(config.value(QStringLiteral("ociVersion")).toString(), QStringLiteral("1.1.0"));
        QCOMPARE(config.value(QStringLiteral("process")).toObject().value(QStringLiteral("args")).toArray().size(), 3);
        const QJsonArray folders = config.value(QStringLiteral("windows")).toObject().value(QStringLiteral("layerFolders")).toArray();
        QCOMPARE(QVariant(folders.toVariantList()).toStringList(), containerdOrder());

        const auto valid = stratactl({QStringLiteral("validate"), windows});
        QVERIFY2(valid.exitCode == 0, valid.out + valid.err);
        QCOMPARE(valid.out.trimmed(), QByteArray("valid: 4 layers"));

        // Two parents swapped.
        QJsonArray swapped = folders;
        swapped[0] = folders[1];
        swapped[1] = folders[0];
        const auto broken = stratactl({QStringLiteral("validate"), withFolders(windows, QStringLiteral("swapped.json"), swapped)});
        QCOMPARE(broken.exitCode, 1);
        const QStringList lines = QString::fromUtf8(broken.out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().startsWith(QLatin1String("wrong-order: ")), qPrintable(lines.first()));
        QVERIFY2(lines.first().contains(QStringLiteral(" \u2014 Reorder to ")), qPrintable(lines.first())); // the fix, as --json has it

        // Parents base-first: the seed's mistake, named as such.
        const QJsonArray baseFirst{folders[2], folders[1], folders[0], folders[3]};
        const auto reversed = stratactl({QStringLiteral("validate"), withFolders(windows, QStringLiteral("basefirst.json"), baseFirst)});
        QCOMPARE(reversed.exitCode, 1);
        QVERIFY2(reversed.out.contains("wrong-order: The parent order looks base-first"), reversed.out.constData());

        // No scratch, and a gap: one line per violation.
        const QJsonArray gap{folders[0], folders[2]};
        const auto gapped = stratactl({QStringLiteral("validate"), withFolders(windows, QStringLiteral("gap.json"), gap)});
        QCOMPARE(gapped.exitCode, 1);
        QVERIFY2(gapped.out.contains("scratch-not-last: ") && gapped.out.contains("missing-parent: "), gapped.out.constData());
        for (const QString &line : QString::fromUtf8(gapped.out).trimmed().split(QLatin1Char('\n')))
            QVERIFY2(QRegularExpression(QStringLiteral("^[a-z-]+: [A-Z].*\\.$")).match(line).hasMatch(), qPrintable(line));

        // --json carries rows and fixes.
        const auto json = stratactl({QStringLiteral("validate"), m_dir.filePath(QStringLiteral("swapped.json")), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(report.value(QStringLiteral("valid")).toBool(true), false);
        const QJsonObject first = report.value(QStringLiteral("violations")).toArray().first().toObject();
        QCOMPARE(first.value(QStringLiteral("rule")).toString(), QStringLiteral("wrong-order"));
        QCOMPARE(first.value(QStringLiteral("rows")).toArray(), (QJsonArray{0, 1, 2})); // the parent rows
        QVERIFY(!first.value(QStringLiteral("fix")).toString().isEmpty());
    }

    void composeLinux()
    {
        const auto composed = stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"),
                                         QStringLiteral("linux"), QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                         QStringLiteral("true")});
        QVERIFY2(composed.exitCode == 0, composed.err.constData());
        const QJsonObject config = QJsonDocument::fromJson(composed.out).object();
        QVERIFY(!config.contains(QStringLiteral("windows")));
        QCOMPARE(config.value(QStringLiteral("linux")).toObject().value(QStringLiteral("cgroupsPath")).toString(),
                 QStringLiteral("/%1/%2").arg(test::testNamespace(), m_scratch));
        const QString annotation = config.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("org.strata.layer-folders")).toString();
        QCOMPARE(QVariant(QJsonDocument::fromJson(annotation.toUtf8()).array().toVariantList()).toStringList(), containerdOrder());
        const QString path = write(QStringLiteral("linux.json"), composed.out);
        const auto valid = stratactl({QStringLiteral("validate"), path});
        QVERIFY2(valid.exitCode == 0, valid.out + valid.err);

        // The image's own process when asked for.
        const auto fromImage = stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"),
                                          QStringLiteral("linux"), QStringLiteral("--image"), QStringLiteral("strata.test/three:latest")});
        QVERIFY2(fromImage.exitCode == 0, fromImage.err.constData());
        QVERIFY(!QJsonDocument::fromJson(fromImage.out).object().value(QStringLiteral("process")).toObject()
                     .value(QStringLiteral("args")).toArray().isEmpty());

        QCOMPARE(stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"), QStringLiteral("linux")}).exitCode, 2);
        QCOMPARE(stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"), QStringLiteral("plan9")}).exitCode, 2);
    }

    // The teaching flow as the man page spells it: compose a config on the scratch, validate it,
    // run it; then the same config with its parents reversed, refused and run anyway.
    void composeValidateRunLinux()
    {
        const QString script = QStringLiteral("cat /strata/shadowed.txt; test -e /strata/doomed.txt && echo doomed-visible; true");
        const QString config = m_dir.filePath(QStringLiteral("run.json"));
        const auto composed = stratactl({QStringLiteral("compose"), QStringLiteral("--scratch"), m_scratch, QStringLiteral("--os"),
                                         QStringLiteral("linux"), QStringLiteral("--image"), QStringLiteral("strata.test/three:latest"),
                                         QStringLiteral("--output"), config, QStringLiteral("--"), QStringLiteral("sh"),
                                         QStringLiteral("-c"), script});
        QVERIFY2(composed.exitCode == 0, composed.err.constData());
        const auto valid = stratactl({QStringLiteral("validate"), config});
        QVERIFY2(valid.exitCode == 0, valid.out + valid.err);

        const auto right = stratactl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--config"), config,
                                      QStringLiteral("strata-layers-right")});
        QVERIFY2(right.exitCode == 0, right.err.constData());
        QCOMPARE(right.out, QByteArray("layer 3\n"));

        QJsonObject json = readJson(config);
        QJsonObject annotations = json.value(QStringLiteral("annotations")).toObject();
        const QString key = QStringLiteral("org.strata.layer-folders");
        const QJsonArray folders = QJsonDocument::fromJson(annotations.value(key).toString().toUtf8()).array();
        QCOMPARE(folders.size(), 4);
        const QJsonArray reversed{folders[2], folders[1], folders[0], folders[3]};
        annotations.insert(key, QString::fromUtf8(QJsonDocument(reversed).toJson(QJsonDocument::Compact)));
        json.insert(QStringLiteral("annotations"), annotations);
        const QString wrong = write(QStringLiteral("reversed.json"), QJsonDocument(json).toJson());

        const auto invalid = stratactl({QStringLiteral("validate"), wrong});
        QCOMPARE(invalid.exitCode, 1);
        QVERIFY2(invalid.out.startsWith("wrong-order: "), invalid.out.constData());
        const auto refused = stratactl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--config"), wrong,
                                        QStringLiteral("strata-layers-refused")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("--run-anyway"), refused.err.constData());
        QVERIFY(refused.out.isEmpty());

        // Base on top: layer 2's file wins, and layer 3's whiteout no longer hides layer 1's file.
        const auto anyway = stratactl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--run-anyway"),
                                       QStringLiteral("--config"), wrong, QStringLiteral("strata-layers-anyway")});
        QVERIFY2(anyway.exitCode == 0, anyway.err.constData());
        QCOMPARE(anyway.out, QByteArray("layer 2\ndoomed-visible\n"));
    }

    void unreadableConfigs()
    {
        const QString bad = write(QStringLiteral("bad.json"), "{\n  \"ociVersion\": \"1.1.0\",\n  \"windows\": {\"layerFolders\": [\"a\" \"b\"]}\n}\n");
        const auto parsed = stratactl({QStringLiteral("validate"), bad});
        QCOMPARE(parsed.exitCode, 2);
        QVERIFY2(parsed.err.contains("line 3, column"), parsed.err.constData());
        QCOMPARE(parsed.err.count(bad.toUtf8()), 1); // the file is named once

        const auto missing = stratactl({QStringLiteral("validate"), m_dir.filePath(QStringLiteral("absent.json"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(!missing.err.isEmpty());

        const QString wrongType = write(QStringLiteral("type.json"), "{\"windows\": {\"layerFolders\": \"C:\\\\x\"}}");
        QCOMPARE(stratactl({QStringLiteral("validate"), wrongType}).exitCode, 2);
        const QString notObject = write(QStringLiteral("windows42.json"), "{\"windows\": 42}");
        const auto windows42 = stratactl({QStringLiteral("validate"), notObject});
        QCOMPARE(windows42.exitCode, 2);
        QVERIFY2(windows42.err.contains("\"windows\" must be an object"), windows42.err.constData());
        QCOMPARE(stratactl({QStringLiteral("validate"), QStringLiteral("/dev/zero")}).exitCode, 2);

        // Parsed, but naming no layers: a config to check, and too short.
        const QString empty = write(QStringLiteral("empty.json"), "{\"ociVersion\": \"1.0.2\"}");
        const auto none = stratactl({QStringLiteral("validate"), empty});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.out.startsWith("too-few-layers: "), none.out.constData());
        QCOMPARE(stratactl({QStringLiteral("validate")}).exitCode, 2);
    }

    void runConfigWithoutProcessObject()
    {
        const QString noProcess = write(QStringLiteral("noprocess.json"), "{\"ociVersion\": \"1.0.2\"}");
        const QString nullProcess = write(QStringLiteral("nullprocess.json"), "{\"process\": null}");
        const QString textProcess = write(QStringLiteral("textprocess.json"), "{\"process\": \"x\"}");
        for (const QString &config : {noProcess, nullProcess, textProcess}) {
            const auto r = stratactl({QStringLiteral("run"), QStringLiteral("--config"), config, QStringLiteral("strata-bad-config")});
            QCOMPARE(r.exitCode, 2); // as validate: the config is the caller's to fix
            QVERIFY2(r.err.contains("\"process\" must be an object"), r.err.constData());
        }
        const QString broken = write(QStringLiteral("broken-run.json"), "{\"process\": {\"args\": [\"sh\"}");
        const auto parsed = stratactl({QStringLiteral("run"), QStringLiteral("--config"), broken, QStringLiteral("strata-bad-config")});
        QCOMPARE(parsed.exitCode, 2);
        QVERIFY2(parsed.err.contains("line 1, column"), parsed.err.constData());
    }

    // The same verdicts from the containerd root read offline (model/bolt), daemon untouched.
    void offlineStore()
    {
        const QString root = test::env("STRATA_TEST_ROOT");
        QVERIFY(!root.isEmpty());
        const QString windows = m_dir.filePath(QStringLiteral("windows.json"));
        const QString swapped = m_dir.filePath(QStringLiteral("swapped.json"));
        QVERIFY(QFile::exists(windows) && QFile::exists(swapped));
        const auto valid = stratactl({QStringLiteral("validate"), windows, QStringLiteral("--db"), root});
        QVERIFY2(valid.exitCode == 0, valid.out + valid.err);
        const auto broken = stratactl({QStringLiteral("validate"), swapped, QStringLiteral("--db"), root});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY(broken.out.startsWith("wrong-order: "));
        const auto live = stratactl({QStringLiteral("validate"), windows, QStringLiteral("--db"), QStringLiteral("off")});
        QVERIFY2(live.exitCode == 0, live.out + live.err);
        const auto nowhere = stratactl({QStringLiteral("validate"), windows, QStringLiteral("--db"), m_dir.filePath(QStringLiteral("nothing"))});
        QCOMPARE(nowhere.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestStratactlLayers)
#include "tst_stratactl_layers.moc"
