#include "testenv.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace strata;
using strata::test::ctr;

// stratactl as a script would use it: the real binary against the private containerd.
class TestStratactl : public QObject
{
    Q_OBJECT

    static test::ProcessResult stratactl(const QStringList &args)
    {
        return test::runProgram(test::env("STRATACTL"),
                                QStringList{QStringLiteral("--address"), test::address(), QStringLiteral("--namespace"),
                                            test::testNamespace()} + args);
    }

    static QStringList ctrSnapshotKeys()
    {
        QStringList keys;
        const auto out = ctr({QStringLiteral("snapshots"), QStringLiteral("ls")});
        for (const auto &line : QString::fromUtf8(out.out).split(QLatin1Char('\n')).mid(1)) {
            if (!line.trimmed().isEmpty())
                keys << line.split(QLatin1Char(' '), Qt::SkipEmptyParts).constFirst();
        }
        keys.sort();
        return keys;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY2(!test::env("STRATACTL").isEmpty(), "STRATACTL is not set: run through ctest");
    }

    void versionFlagOnEveryCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *c : {"version", "namespaces", "images", "snapshots", "folders", "mounts"})
            QTest::newRow(c) << QString::fromLatin1(c);
    }
    void versionFlagOnEveryCommand()
    {
        QFETCH(QString, command);
        auto v = test::runProgram(test::env("STRATACTL"), {command, QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("stratactl "));
        auto h = test::runProgram(test::env("STRATACTL"), {command, QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("--address"));
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(test::runProgram(test::env("STRATACTL"), {QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(test::runProgram(test::env("STRATACTL"), {}).exitCode, 2);
        QCOMPARE(stratactl({QStringLiteral("folders"), QStringLiteral("--no-such-option")}).exitCode, 2);
        QCOMPARE(stratactl({QStringLiteral("mounts")}).exitCode, 2);
    }

    void ttyWithoutTerminalExitsTwo()
    {
        auto r = stratactl({QStringLiteral("run"), QStringLiteral("-t"), QStringLiteral("docker.io/library/busybox:latest"),
                            QStringLiteral("strata-tty-refused")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("run -t needs a terminal on stdin"), r.err.constData());
        QVERIFY(!ctr({QStringLiteral("containers"), QStringLiteral("ls"), QStringLiteral("-q")}).out.contains("strata-tty-refused"));
    }

    void badAddressExitsOneWithAdvice()
    {
        auto r = test::runProgram(test::env("STRATACTL"),
                                  {QStringLiteral("--address"), QStringLiteral("unix:///x/ctd.sock"), QStringLiteral("version")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(QString::fromUtf8(r.err).trimmed(),
                 QStringLiteral("stratactl: cannot reach containerd at unix:///x/ctd.sock: no such file; "
                                "is containerd running? see --address"));
    }

    // A socket whose owner accepts and never replies (the kernel completes the connection from
    // the listen backlog): a sentence, not gRPC's "Deadline Exceeded".
    void silentSocketSaysWhatItMeans()
    {
        QTemporaryDir dir;
        QLocalServer silent;
        QVERIFY(silent.listen(dir.filePath(QStringLiteral("silent.sock"))));
        const QString address = QStringLiteral("unix://") + silent.fullServerName();
        auto r = test::runProgram(test::env("STRATACTL"), {QStringLiteral("--address"), address, QStringLiteral("version")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("accepted the connection but did not answer in time"), r.err);
        QVERIFY(!r.err.contains("Deadline Exceeded"));
    }

    void misspeltSchemeIsNamed()
    {
        auto r = test::runProgram(test::env("STRATACTL"),
                                  {QStringLiteral("--address"), QStringLiteral("unx:///run/containerd/containerd.sock"), QStringLiteral("version")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("unknown scheme \"unx\"") && r.err.contains("unix:///"), r.err);
        QVERIFY(!r.err.contains("answered"));
    }

    void foldersJsonShape()
    {
        const QStringList before = ctrSnapshotKeys();
        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("folders")});
        QCOMPARE(r.exitCode, 0);
        const auto doc = QJsonDocument::fromJson(r.out);
        QVERIFY(doc.isArray());
        QStringList keys;
        for (const auto &v : doc.array()) {
            const auto o = v.toObject();
            const QStringList fields = o.keys();
            QCOMPARE(QSet<QString>(fields.begin(), fields.end()),
                     (QSet<QString>{"key", "parent", "kind", "id", "path"}));
            QVERIFY(QStringList({"view", "active", "committed"}).contains(o.value("kind").toString()));
            QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]+$")).match(o.value("id").toString()).hasMatch(),
                     qPrintable(o.value("key").toString()));
            QVERIFY(o.value("path").toString().endsWith(QStringLiteral("/snapshots/") + o.value("id").toString()));
            keys << o.value("key").toString();
        }
        keys.sort();
        QCOMPARE(keys, before);
        QCOMPARE(ctrSnapshotKeys(), before); // no temporary view survives
    }

    // What an interrupted `folders --db off` leaves until its lease expires: a View under
    // Strata's temporary prefix. No listing shows it; the user's own Views stay listed.
    void leftoverTemporaryViewsAreHidden_data()
    {
        QTest::addColumn<QString>("db");
        QTest::newRow("api") << QStringLiteral("off");
        QTest::newRow("metadata.db") << QStringLiteral("auto");
    }
    void leftoverTemporaryViewsAreHidden()
    {
        QFETCH(QString, db);
        auto three = stratactl({QStringLiteral("--json"), QStringLiteral("folders"), QStringLiteral("--image"),
                                QStringLiteral("strata.test/three:latest")});
        const QString base = QJsonDocument::fromJson(three.out).array().first().toObject().value("key").toString();
        QVERIFY(!base.isEmpty());
        const QString pid = QString::number(QCoreApplication::applicationPid());
        const QString leftover = QStringLiteral("strata-view-tst-") + pid;
        const QString users = QStringLiteral("tst-user-view-") + pid;
        // As GC roots, so that the collection a discovery's lease removal sets off keeps them.
        for (const QString &key : {leftover, users}) {
            QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("view"), key, base}).exitCode, 0);
            QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("label"), key, QStringLiteral("containerd.io/gc.root=tst")}).exitCode, 0);
        }
        auto folders = stratactl({QStringLiteral("--json"), QStringLiteral("folders"), QStringLiteral("--db"), db});
        auto tree = stratactl({QStringLiteral("snapshots"), QStringLiteral("--db"), db});
        for (const QString &key : {leftover, users})
            ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), key});
        QCOMPARE(folders.exitCode, 0);
        QCOMPARE(tree.exitCode, 0);
        QStringList listed;
        for (const auto &v : QJsonDocument::fromJson(folders.out).array())
            listed << v.toObject().value("key").toString();
        QVERIFY(listed.contains(users));
        QVERIFY(!listed.contains(leftover));
        QVERIFY(tree.out.contains(users.toUtf8()));
        QVERIFY(!tree.out.contains(leftover.toUtf8()));
    }

    void foldersOfAnImageBaseToTop()
    {
        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("folders"), QStringLiteral("--image"),
                            QStringLiteral("strata.test/three:latest")});
        QCOMPARE(r.exitCode, 0);
        const auto layers = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(layers.size(), 3);
        QString parent;
        for (const auto &v : layers) {
            const auto o = v.toObject();
            QCOMPARE(o.value("key").toString(), o.value("chainId").toString());
            QCOMPARE(o.value("parent").toString(), parent); // each layer sits on the one before
            QVERIFY(o.value("diffId").toString().startsWith(QLatin1String("sha256:")));
            QCOMPARE(o.value("kind").toString(), QStringLiteral("committed"));
            QVERIFY(!o.value("id").toString().isEmpty());
            parent = o.value("key").toString();
        }
        // The first layer is the base: its diffID is its chainID.
        QCOMPARE(layers.first().toObject().value("diffId"), layers.first().toObject().value("chainId"));
    }

    void mountsInCtrShape()
    {
        const QString key = QStringLiteral("tst-ctl-%1").arg(QCoreApplication::applicationPid());
        auto prepared = ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), QStringLiteral("--mounts"), key, QString()});
        QCOMPARE(prepared.exitCode, 0);
        auto r = stratactl({QStringLiteral("mounts"), key});
        ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), key});
        QCOMPARE(r.exitCode, 0);
        const auto ours = QJsonDocument::fromJson(r.out).array();
        const auto theirs = QJsonDocument::fromJson(prepared.out).array();
        QCOMPARE(ours.size(), theirs.size());
        for (int i = 0; i < ours.size(); ++i) {
            for (const char *field : {"Type", "Source", "Options"})
                QCOMPARE(ours[i].toObject().value(field), theirs[i].toObject().value(field));
        }
    }

    void mountsOfCommittedExplains()
    {
        auto three = stratactl({QStringLiteral("--json"), QStringLiteral("folders"), QStringLiteral("--image"),
                                QStringLiteral("strata.test/three:latest")});
        const QString base = QJsonDocument::fromJson(three.out).array().first().toObject().value("key").toString();
        auto r = stratactl({QStringLiteral("mounts"), base});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("committed snapshot and has no mounts"));
    }

    void snapshotsTreeNestsChildren()
    {
        auto r = stratactl({QStringLiteral("snapshots"), QStringLiteral("--tree")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\n  \\\\_ sha256:[0-9a-f]{64}  \\[committed, folder [0-9]+\\]"))));
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\n    \\\\_ sha256:"))));
    }

    // Each failure says what to do next, naming the command or option that helps.
    void messagesSayWhatToDo()
    {
        const auto image = stratactl({QStringLiteral("run"), QStringLiteral("nope:latest"), QStringLiteral("x")});
        QCOMPARE(image.exitCode, 1);
        QVERIFY2(image.err.contains("in namespace \"strata-test\"") && image.err.contains("stratactl images"), image.err.constData());

        const auto snapshotter = stratactl({QStringLiteral("--snapshotter"), QStringLiteral("zfs"), QStringLiteral("snapshots")});
        QCOMPARE(snapshotter.exitCode, 1);
        QVERIFY2(snapshotter.err.contains("overlayfs") && snapshotter.err.contains("--snapshotter"), snapshotter.err.constData());

        for (const char *command : {"images", "snapshots"}) {
            const auto ns = test::runProgram(test::env("STRATACTL"), {QStringLiteral("--address"), test::address(),
                                                                      QStringLiteral("--namespace"), QStringLiteral("strata-no-such-ns"),
                                                                      QString::fromLatin1(command)});
            QCOMPARE(ns.exitCode, 1);
            QVERIFY2(ns.err.contains("namespace \"strata-no-such-ns\" does not exist"), ns.err.constData());
        }

        // The container ID clashes with a kept container: the container is named, not its snapshot.
        const QString id = QStringLiteral("strata-clash");
        ctr({QStringLiteral("containers"), QStringLiteral("rm"), id});
        QCOMPARE(stratactl({QStringLiteral("run"), QStringLiteral("strata.test/one:latest"), id, QStringLiteral("--"), QStringLiteral("true")}).exitCode, 0);
        const auto clash = stratactl({QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("strata.test/one:latest"), id,
                                      QStringLiteral("--"), QStringLiteral("true")});
        QCOMPARE(ctr({QStringLiteral("containers"), QStringLiteral("rm"), id}).exitCode, 0);
        QCOMPARE(clash.exitCode, 1);
        QVERIFY2(clash.err.contains("a container named \"strata-clash\" already exists") && clash.err.contains("containers rm"),
                 clash.err.constData());

        QCOMPARE(stratactl({QStringLiteral("--json"), QStringLiteral("run"), QStringLiteral("strata.test/one:latest"), id}).exitCode, 2);
    }

    void imagesListPlatforms()
    {
        auto r = stratactl({QStringLiteral("--json"), QStringLiteral("images")});
        QCOMPARE(r.exitCode, 0);
        bool seen = false;
        for (const auto &v : QJsonDocument::fromJson(r.out).array()) {
            const auto o = v.toObject();
            if (o.value("name").toString() != QLatin1String("strata.test/three:latest"))
                continue;
            seen = true;
            QVERIFY(o.value("platforms").toArray().first().toString().startsWith(QLatin1String("linux/")));
            QVERIFY(o.value("size").toInteger() > 0);
        }
        QVERIFY(seen);
    }

    // `db images` reads the same root offline and gives each image the same size and platforms.
    void offlineImagesAgreeWithLive()
    {
        QHash<QString, QJsonObject> live;
        for (const auto &v : QJsonDocument::fromJson(stratactl({QStringLiteral("--json"), QStringLiteral("images")}).out).array())
            live.insert(v.toObject().value("name").toString(), v.toObject());
        QVERIFY(live.contains(QStringLiteral("strata.test/three:latest")));
        const auto offline = stratactl({QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("images"),
                                        test::env("STRATA_TEST_ROOT")});
        QCOMPARE(offline.exitCode, 0);
        int compared = 0;
        for (const auto &v : QJsonDocument::fromJson(offline.out).array()) {
            const QJsonObject o = v.toObject();
            if (o.value("namespace").toString() != test::testNamespace() || !live.contains(o.value("name").toString()))
                continue;
            const QJsonObject &l = live[o.value("name").toString()];
            QCOMPARE(o.value("size").toInteger(), l.value("size").toInteger());
            QCOMPARE(o.value("platforms").toArray(), l.value("platforms").toArray());
            ++compared;
        }
        QCOMPARE(compared, live.size());
        const auto text = stratactl({QStringLiteral("db"), QStringLiteral("images"), test::env("STRATA_TEST_ROOT")});
        QVERIFY2(text.out.contains(" MiB") || text.out.contains(" KiB"), text.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestStratactl)
#include "tst_stratactl.moc"
