// The Atlas through a containerd restart: the banner says live updates stopped while the
// daemon is away and clears once the event stream is back, the atlas reloads (what changed
// during the outage is there) and follows events again. The daemon is always started again.

#include "containerdcontrol.h"

#include "atlas/atlasbackend.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlaspage.h"
#include "messagebanner.h"
#include "session/session.h"

#include <QApplication>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

using namespace strata;

class TestAtlasLiveUpdates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanupTestCase() { test::startContainerd(); }

    void bannerClearsWhenUpdatesResume()
    {
        STRATA_REQUIRE_CONTAINERD();
        Session session;
        AtlasPage page(&session);
        page.resize(900, 600);
        page.show();
        QSignalSpy loaded(page.backend(), &AtlasBackend::loaded);
        QSignalSpy live(page.backend(), &AtlasBackend::liveUpdatesChanged);
        session.connectTo(test::address(), test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 20000);
        QVERIFY(page.banner()->text().isEmpty());

        auto restart = qScopeGuard([] { test::startContainerd(); });
        QVERIFY(test::stopDaemonOnly(SIGKILL));
        QTRY_VERIFY_WITH_TIMEOUT(!live.isEmpty(), 10000);
        QCOMPARE(live.first().at(0).toBool(), false);
        QVERIFY2(page.banner()->text().contains(QLatin1String("Live updates stopped")), qPrintable(page.banner()->text()));

        // Made while the atlas cannot hear of it: only a reload shows it.
        QVERIFY(test::startContainerd());
        restart.dismiss();
        const QString during = QStringLiteral("live-during-%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(test::ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), during}).exitCode, 0);
        auto cleanup = qScopeGuard([&] { test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), during}); });

        QTRY_COMPARE_WITH_TIMEOUT(live.count(), 2, 20000);
        QCOMPARE(live.last().at(0).toBool(), true);
        QVERIFY2(page.banner()->text().isEmpty(), qPrintable(page.banner()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->indexOfSnapshot(during).isValid(), 20000);

        // And events flow again.
        const QString after = QStringLiteral("live-after-%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(test::ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), after}).exitCode, 0);
        auto cleanupAfter = qScopeGuard([&] { test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), after}); });
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->indexOfSnapshot(after).isValid(), 10000);
        QVERIFY(page.banner()->text().isEmpty());
    }
};

QTEST_MAIN(TestAtlasLiveUpdates)
#include "tst_atlasliveupdates.moc"
