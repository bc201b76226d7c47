#include "testenv.h"

#include "client/client.h"
#include "client/errortext.h"
#include "client/imagesservice.h"
#include "client/introspectionservice.h"
#include "client/namespacesservice.h"
#include "client/snapshotsservice.h"
#include "client/versionservice.h"
#include "snapshots/folderdiscovery.h"
#include "snapshots/mountparser.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace strata;
using strata::test::ctr;

class TestClient : public QObject
{
    Q_OBJECT

    std::shared_ptr<const Client> m_client;

    std::shared_ptr<const Client> client(const QString &ns = test::testNamespace())
    {
        auto c = Client::create({test::address(), ns, std::chrono::seconds(10)});
        if (!c)
            qFatal("%s", qPrintable(c.error().message));
        return *c;
    }

    static QStringList snapshotKeys(const QList<SnapshotInfo> &list)
    {
        QStringList keys;
        for (const auto &s : list)
            keys << s.key;
        keys.sort();
        return keys;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        m_client = client();
    }

    void versionMatchesCtr()
    {
        auto v = VersionService(m_client).version();
        QVERIFY2(v.ok(), v.ok() ? "" : qPrintable(v.error().message));
        const auto out = ctr({QStringLiteral("version")});
        QCOMPARE(out.exitCode, 0);
        // ctr prints the server block last: "Server:\n  Version:  v1.6.20~ds1\n  Revision: ..."
        const QString text = QString::fromUtf8(out.out);
        const auto server = text.mid(text.indexOf(QLatin1String("Server:")));
        const auto m = QRegularExpression(QStringLiteral("Version:\\s+(\\S+)")).match(server);
        QVERIFY(m.hasMatch());
        QCOMPARE(v->version, m.captured(1));
    }

    void namespacesListed()
    {
        auto list = NamespacesService(m_client).list();
        QVERIFY(list.ok());
        QStringList names;
        for (const auto &n : *list)
            names << n.name;
        QVERIFY2(names.contains(test::testNamespace()), qPrintable(names.join(QLatin1Char(','))));
    }

    void snapshottersIncludeOverlayfs()
    {
        auto list = IntrospectionService(m_client).snapshotters();
        QVERIFY(list.ok());
        bool found = false;
        for (const auto &p : *list)
            found = found || (p.id == QLatin1String("overlayfs") && p.exports.contains(QStringLiteral("root")));
        QVERIFY(found);
    }

    void imagesMatchCtr()
    {
        auto images = ImagesService(m_client).list();
        QVERIFY(images.ok());
        const QString listing = QString::fromUtf8(ctr({QStringLiteral("images"), QStringLiteral("ls")}).out);
        QSet<QString> names;
        for (const auto &i : *images) {
            names.insert(i.name);
            // ctr's line: REF TYPE DIGEST SIZE PLATFORMS LABELS
            QVERIFY2(listing.contains(QRegularExpression(QRegularExpression::escape(i.name) + QStringLiteral("\\s+\\S+\\s+")
                                                         + QRegularExpression::escape(i.digest))),
                     qPrintable(i.name));
        }
        QVERIFY(names.contains(QStringLiteral("strata.test/one:latest")));
        QVERIFY(names.contains(QStringLiteral("strata.test/three:latest")));
        auto one = ImagesService(m_client).get(QStringLiteral("strata.test/one:latest"));
        QVERIFY(one.ok());
        QVERIFY(one->digest.startsWith(QLatin1String("sha256:")));
        auto missing = ImagesService(m_client).get(QStringLiteral("strata.test/absent:latest"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, int(Error::NotFound));
    }

    void namespacesKeptApart()
    {
        auto other = client(QStringLiteral("strata-empty-%1").arg(QCoreApplication::applicationPid()));
        auto images = ImagesService(other).list();
        QVERIFY(images.ok());
        QVERIFY(images->isEmpty());
        auto snaps = SnapshotsService(other, QStringLiteral("overlayfs")).list();
        QVERIFY(snaps.ok());
        QVERIFY(snaps->isEmpty());
    }

    void snapshotsMatchCtr()
    {
        auto list = SnapshotsService(m_client, QStringLiteral("overlayfs")).list();
        QVERIFY(list.ok());
        QVERIFY(list->size() >= 3); // the three-layer image's chain at least
        const auto out = ctr({QStringLiteral("snapshots"), QStringLiteral("ls")});
        QStringList ctrKeys;
        for (const auto &line : QString::fromUtf8(out.out).split(QLatin1Char('\n')).mid(1)) {
            if (!line.trimmed().isEmpty())
                ctrKeys << line.split(QLatin1Char(' '), Qt::SkipEmptyParts).constFirst();
        }
        ctrKeys.sort();
        QCOMPARE(snapshotKeys(*list), ctrKeys);
    }

    // Every committed snapshot's folder, as FolderDiscovery finds it with one view per tip, equals
    // what `ctr snapshots view --mounts` on that very snapshot shows; nothing temporary survives.
    void committedFoldersMatchCtrViews()
    {
        SnapshotsService snapshots(m_client, QStringLiteral("overlayfs"));
        auto before = snapshots.list();
        QVERIFY(before.ok());
        FolderDiscovery discovery(m_client, QStringLiteral("overlayfs"));
        auto folders = discovery.discover(*before);
        QVERIFY2(folders.ok(), folders.ok() ? "" : qPrintable(folders.error().message));
        int committed = 0;
        for (const auto &f : *folders) {
            if (f.kind != SnapshotKind::Committed)
                continue;
            ++committed;
            const QString view = QStringLiteral("tst-view-%1").arg(committed);
            const auto out = ctr({QStringLiteral("snapshots"), QStringLiteral("view"), QStringLiteral("--mounts"), view, f.key});
            QCOMPARE(out.exitCode, 0);
            ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), view});
            auto mounts = MountParser::fromCtrJson(out.out);
            QVERIFY(mounts.ok());
            // A view's mounts start at the viewed snapshot: a bind of it, or lowerdir's first entry.
            auto layout = MountParser::parse(*mounts);
            QVERIFY(layout.ok());
            QVERIFY(!layout->folders.isEmpty());
            QCOMPARE(f.id, layout->folders.constFirst().id);
            QCOMPARE(f.path, layout->folders.constFirst().path);
        }
        QVERIFY(committed >= 3);
        QVERIFY(discovery.stats().temporaryViews >= 1);
        QVERIFY(discovery.stats().temporaryViews < committed); // one per tip, not per snapshot
        auto after = snapshots.list();
        QVERIFY(after.ok());
        QCOMPARE(snapshotKeys(*after), snapshotKeys(*before));
    }

    void activeFolderFromItsOwnMounts()
    {
        SnapshotsService snapshots(m_client, QStringLiteral("overlayfs"));
        auto all = snapshots.list();
        QVERIFY(all.ok());
        QString tip; // a committed snapshot nobody builds on: the three-layer image's top
        QSet<QString> parents;
        for (const auto &s : *all)
            parents.insert(s.parent);
        for (const auto &s : *all) {
            if (s.kind == SnapshotKind::Committed && !parents.contains(s.key) && !s.parent.isEmpty())
                tip = s.key;
        }
        QVERIFY(!tip.isEmpty());
        const QString key = QStringLiteral("tst-active-%1").arg(QCoreApplication::applicationPid());
        // gc.root keeps containerd's collector off the unreferenced snapshot while we look.
        auto mounts = snapshots.prepare(key, tip, {{QStringLiteral("containerd.io/gc.root"), QStringLiteral("tst_client")}});
        QVERIFY(mounts.ok());
        auto folders = FolderDiscovery(m_client, QStringLiteral("overlayfs")).discoverAll();
        snapshots.remove(key);
        QVERIFY(folders.ok());
        const auto ctrMounts = QString::fromUtf8(MountParser::toCtrJson(*mounts));
        for (const auto &f : *folders) {
            if (f.key == key) {
                QCOMPARE(f.kind, SnapshotKind::Active);
                QVERIFY(!f.id.isEmpty());
                QVERIFY2(ctrMounts.contains(QStringLiteral("upperdir=") + f.path + QStringLiteral("/fs")), qPrintable(ctrMounts));
                return;
            }
        }
        QFAIL("the prepared snapshot was not listed");
    }

    void badAddressSaysWhatToDo()
    {
        auto c = Client::create({QStringLiteral("unix:///nonexistent/ctd.sock"), QStringLiteral("default"), std::chrono::seconds(3)});
        QVERIFY(c.ok());
        auto v = VersionService(*c).version();
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, int(Error::Unavailable));
        QCOMPARE(ErrorText::describe(v.error(), QStringLiteral("unix:///nonexistent/ctd.sock")),
                 QStringLiteral("cannot reach containerd at unix:///nonexistent/ctd.sock: no such file; "
                                "is containerd running? see --address"));
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
