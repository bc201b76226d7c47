// Reads the private test containerd's metadata.db and meta.db while containerd runs, and
// compares with what ctr reports for the same snapshots (keys, parents, kinds, folder ids).

#include "why.h"
#include "bolt/containerdroot.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace strata;
using strata::test::why;

namespace {

const QString Namespace = QStringLiteral("strata-test");


QString socketPath()
{
    QString a = qEnvironmentVariable("STRATA_TEST_ADDRESS");
    if (a.startsWith(QLatin1String("unix://")))
        a.remove(0, 7);
    return a;
}

// Runs ctr against the test containerd; fails the test (via empty result + warning) on error.
QByteArray ctr(const QStringList &args, bool *ok = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("ctr"), QStringList{QStringLiteral("--address"), socketPath(), QStringLiteral("-n"), Namespace} + args);
    p.waitForFinished(60000);
    const bool good = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!good)
        qWarning("ctr %s: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
    if (ok)
        *ok = good;
    return p.readAllStandardOutput();
}

struct LsRow
{
    QString parent;
    QString kind;
};

QMap<QString, LsRow> ctrLs()
{
    QMap<QString, LsRow> rows;
    const QStringList lines = QString::fromUtf8(ctr({QStringLiteral("snapshots"), QStringLiteral("ls")})).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(1)) {
        const QStringList f = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        rows.insert(f.first(), {f.size() == 3 ? f[1] : QString(), f.last().toLower()});
    }
    return rows;
}

// Folder ids named by a `--mounts` JSON: the upperdir's, then the lowerdirs' (nearest first).
QStringList mountIds(const QByteArray &json, QString *upper)
{
    const QRegularExpression id(QStringLiteral("/snapshots/(\\d+)/fs"));
    QStringList lowers;
    for (const QJsonValue &m : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = m.toObject();
        if (o.value(QStringLiteral("Type")).toString() == QLatin1String("bind"))
            lowers.append(id.match(o.value(QStringLiteral("Source")).toString()).captured(1));
        for (const QJsonValue &opt : o.value(QStringLiteral("Options")).toArray()) {
            const QString s = opt.toString();
            if (s.startsWith(QLatin1String("upperdir=")))
                *upper = id.match(s).captured(1);
            if (s.startsWith(QLatin1String("lowerdir="))) {
                for (const QString &dir : s.mid(9).split(QLatin1Char(':')))
                    lowers.append(id.match(dir).captured(1));
            }
        }
    }
    return lowers;
}

} // namespace

class TstBoltLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void namesKindsParentsMatchCtr();
    void folderIdsMatchMounts();

private:
    Result<QList<SnapshotFolder>> folders() const;
    QString m_root;
};

void TstBoltLive::initTestCase()
{
    m_root = qEnvironmentVariable("STRATA_TEST_ROOT");
    QVERIFY2(!m_root.isEmpty() && !socketPath().isEmpty(), "STRATA_TEST_ROOT / STRATA_TEST_ADDRESS not set");
    bool ok = false;
    ctr({QStringLiteral("version")}, &ok);
    QVERIFY2(ok, "the test containerd does not answer");
}

Result<QList<SnapshotFolder>> TstBoltLive::folders() const
{
    auto root = ContainerdRoot::locate(m_root);
    if (!root.ok())
        return root.error();
    return root->folders(QStringLiteral("overlayfs"), Namespace);
}

void TstBoltLive::namesKindsParentsMatchCtr()
{
    const auto ls = ctrLs();
    QVERIFY(ls.size() >= 4); // the layers of strata.test/one and strata.test/three
    auto got = folders();
    QVERIFY2(got.ok(), why(got));
    QMap<QString, SnapshotFolder> byKey;
    for (const auto &f : *got)
        byKey.insert(f.key, f);
    QCOMPARE(byKey.keys(), ls.keys());
    for (auto it = ls.cbegin(); it != ls.cend(); ++it) {
        QCOMPARE(byKey.value(it.key()).parent, it->parent);
        QCOMPARE(kindName(byKey.value(it.key()).kind), it->kind);
        QVERIFY(!byKey.value(it.key()).id.isEmpty());
        QVERIFY2(QFileInfo(byKey.value(it.key()).path).isDir(), qPrintable(byKey.value(it.key()).path));
    }
}

void TstBoltLive::folderIdsMatchMounts()
{
    auto before = folders();
    QVERIFY2(before.ok(), why(before));
    QMap<QString, SnapshotFolder> byKey;
    for (const auto &f : *before)
        byKey.insert(f.key, f);
    // The committed snapshot with the longest chain, and its chain's folder ids from the db.
    QString tip;
    QStringList chain;
    for (const auto &f : *before) {
        QStringList ids;
        for (QString k = f.key; !k.isEmpty(); k = byKey.value(k).parent)
            ids.append(byKey.value(k).id);
        if (f.kind == SnapshotKind::Committed && ids.size() > chain.size()) {
            tip = f.key;
            chain = ids;
        }
    }
    QVERIFY(chain.size() >= 3); // strata.test/three has three layers

    const QString suffix = QString::number(QCoreApplication::applicationPid());
    const QString view = QStringLiteral("strata-bolt-view-") + suffix;
    const QString active = QStringLiteral("strata-bolt-active-") + suffix;
    bool ok = false;
    QString upper;
    const QStringList viewLowers = mountIds(ctr({QStringLiteral("snapshots"), QStringLiteral("view"), QStringLiteral("--mounts"), view, tip}, &ok), &upper);
    QVERIFY(ok);
    QString activeUpper;
    const QStringList activeLowers = mountIds(ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), QStringLiteral("--mounts"), active, tip}, &ok), &activeUpper);
    const bool prepared = ok;

    // Read while both exist and containerd runs.
    auto during = folders();
    ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), view});
    if (prepared)
        ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), active});
    QVERIFY(prepared);
    QVERIFY2(during.ok(), why(during));

    QCOMPARE(viewLowers, chain);
    QCOMPARE(activeLowers, chain);
    QMap<QString, SnapshotFolder> now;
    for (const auto &f : *during)
        now.insert(f.key, f);
    QVERIFY(now.contains(view) && now.contains(active));
    QCOMPARE(now.value(view).kind, SnapshotKind::View);
    QCOMPARE(now.value(view).parent, tip);
    QCOMPARE(now.value(active).kind, SnapshotKind::Active);
    QCOMPARE(now.value(active).id, activeUpper);

    auto after = folders();
    QVERIFY2(after.ok(), why(after));
    QCOMPARE(after->size(), before->size());
}

QTEST_GUILESS_MAIN(TstBoltLive)
#include "tst_bolt_live.moc"
