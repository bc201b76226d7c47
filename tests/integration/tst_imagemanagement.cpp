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

    QStringList imageNames(const QString &ns = {}) const
    {
        QStringList names = QString::fromUtf8(ctr({QStringLiteral("images"), QStringLiteral("ls"), QStringLiteral("-q")},
                                                  ns.isEmpty() ? m_ns : ns).out)
                                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        names.sort();
        return names;
    }

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
