#include "testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace strata;

// `stratactl files` over the three-layer test image, whose layers are known (see
// scripts/build-test-images.sh): layer 3 shadows layer 2's strata/shadowed.txt and whites out
// layer 1's strata/doomed.txt. The merged listing is also checked against what the kernel's
// overlayfs shows a real container of the image.
class TestStratactlFiles : public QObject
{
    Q_OBJECT

    const QString m_three = QStringLiteral("strata.test/three:latest");

    static test::ProcessResult stratactl(const QStringList &args)
    {
        return test::runProgram(test::env("STRATACTL"), QStringList{QStringLiteral("--address"), test::address(),
                                                                    QStringLiteral("--namespace"), test::testNamespace()} + args);
    }

    static QJsonObject byPath(const QJsonArray &rows, const QString &path)
    {
        for (const auto &v : rows) {
            if (v.toObject().value(QStringLiteral("path")).toString() == path)
                return v.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY2(!test::env("STRATACTL").isEmpty(), "STRATACTL is not set: run through ctest");
    }

    void mergedTreeNamesTheWinningLayer()
    {
        const auto r = stratactl({QStringLiteral("--json"), QStringLiteral("files"), m_three});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("layers")).toInt(), 3);
        const QJsonArray files = o.value(QStringLiteral("files")).toArray();
        const QJsonObject shadowed = byPath(files, QStringLiteral("strata/shadowed.txt"));
        QCOMPARE(shadowed.value(QStringLiteral("layer")).toInt(), 3);
        QCOMPARE(shadowed.value(QStringLiteral("shadows")).toArray(), QJsonArray{2});
        QCOMPARE(shadowed.value(QStringLiteral("size")).toInteger(), qint64(qstrlen("layer 3\n")));
        QVERIFY(byPath(files, QStringLiteral("strata/doomed.txt")).isEmpty());
        QCOMPARE(byPath(files, QStringLiteral("bin/busybox")).value(QStringLiteral("layer")).toInt(), 1);
        const QJsonObject removed = byPath(o.value(QStringLiteral("removed")).toArray(), QStringLiteral("strata/doomed.txt"));
        QCOMPARE(removed.value(QStringLiteral("byLayer")).toInt(), 3);
        QCOMPARE(removed.value(QStringLiteral("how")).toString(), QStringLiteral("whiteout"));
        QCOMPARE(removed.value(QStringLiteral("fromLayers")).toArray(), QJsonArray{1});
        // Shadowed "layer 2\n" and removed "from layer 1\n" are the wasted bytes.
        QCOMPARE(o.value(QStringLiteral("summary")).toObject().value(QStringLiteral("wastedBytes")).toInteger(),
                 qint64(qstrlen("layer 2\n") + qstrlen("from layer 1\n")));

        const auto text = stratactl({QStringLiteral("files"), m_three});
        QVERIFY(text.out.contains("removed: strata/doomed.txt (whiteout in layer 3, hides layer 1)"));
    }

    void oneLayerShowsItsWhiteouts()
    {
        const auto r = stratactl({QStringLiteral("--json"), QStringLiteral("files"), QStringLiteral("--layer"), QStringLiteral("3"), m_three});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(byPath(rows, QStringLiteral("strata/doomed.txt")).value(QStringLiteral("kind")).toString(), QStringLiteral("whiteout"));
        QCOMPARE(byPath(rows, QStringLiteral("strata/shadowed.txt")).value(QStringLiteral("kind")).toString(), QStringLiteral("file"));
        QVERIFY(byPath(rows, QStringLiteral("bin/busybox")).isEmpty());

        QCOMPARE(stratactl({QStringLiteral("files"), QStringLiteral("--layer"), QStringLiteral("4"), m_three}).exitCode, 2);
        QCOMPARE(stratactl({QStringLiteral("files"), QStringLiteral("--layer"), QStringLiteral("0"), m_three}).exitCode, 2);
        const auto unknown = stratactl({QStringLiteral("files"), QStringLiteral("nope:latest")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("stratactl images"));
    }

    // The kernel's answer: the paths a container of the image sees under /bin, /etc and
    // /strata are exactly the merged tree's.
    void agreesWithOverlayfs()
    {
        const auto merged = stratactl({QStringLiteral("--json"), QStringLiteral("files"), m_three});
        QVERIFY(merged.exitCode == 0);
        QSet<QString> expected;
        for (const auto &v : QJsonDocument::fromJson(merged.out).object().value(QStringLiteral("files")).toArray()) {
            const QString path = v.toObject().value(QStringLiteral("path")).toString();
            for (const char *top : {"bin", "strata"}) {
                if (path == QLatin1String(top) || path.startsWith(QLatin1String(top) + QLatin1Char('/')))
                    expected << QLatin1Char('/') + path;
            }
        }
        const auto seen = stratactl({QStringLiteral("run"), QStringLiteral("--rm"), m_three, QStringLiteral("strata-files-truth"),
                                     QStringLiteral("--"), QStringLiteral("find"), QStringLiteral("/bin"), QStringLiteral("/strata")});
        QVERIFY2(seen.exitCode == 0, seen.err.constData());
        const QStringList lines = QString::fromUtf8(seen.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QSet<QString> actual(lines.cbegin(), lines.cend());
        QVERIFY(actual.contains(QStringLiteral("/strata/shadowed.txt")));
        QCOMPARE(actual.size(), expected.size());
        QCOMPARE(actual, expected);
    }
};

QTEST_GUILESS_MAIN(TestStratactlFiles)
#include "tst_stratactl_files.moc"
