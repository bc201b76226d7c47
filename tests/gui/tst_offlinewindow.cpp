// File → Open containerd root: the test containerd's root read offline in its own window,
// marked read-only, with nothing that needs or changes a daemon.

#include "testenv.h"

#include "atlas/atlasdetails.h"
#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlaspage.h"
#include "atlas/atlasroles.h"
#include "atlas/offlineatlascontroller.h"
#include "atlas/offlinewindow.h"
#include "mainwindow.h"
#include "messagebanner.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kThree = QStringLiteral("strata.test/three:latest");

} // namespace

class TestOfflineWindow : public QObject
{
    Q_OBJECT

    OfflineWindow *m_window = nullptr;

    AtlasPage *page() const { return m_window->page(); }

    void select(const QModelIndex &source)
    {
        const QModelIndex index = page()->proxy()->mapFromSource(source);
        QVERIFY(index.isValid());
        page()->view()->setCurrentIndex(index);
    }

    QString topLayer() const
    {
        const QModelIndex image = page()->model()->indexOfImage(kThree);
        return page()->model()->index(2, 0, image).data(Atlas::KeyRole).toString();
    }

    static bool loaded(AtlasPage *p) { return p->statusText().contains(QLatin1String("offline, read-only")); }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        MainWindow main;
        // The File menu offers both ways in.
        QStringList texts;
        for (QAction *a : main.menuBar()->actions().constFirst()->menu()->actions())
            texts << a->text();
        QVERIFY2(texts.contains(QStringLiteral("&Open containerd root…")), qPrintable(texts.join(QLatin1Char(','))));
        QVERIFY(texts.contains(QStringLiteral("Open &metadata.db or meta.db…")));

        m_window = new OfflineWindow(test::env("STRATA_TEST_ROOT"));
        m_window->setAttribute(Qt::WA_DeleteOnClose, false);
        m_window->show();
        QTRY_VERIFY_WITH_TIMEOUT(loaded(page()), 20000);
        QVERIFY(page()->model()->indexOfImage(kThree).isValid());
    }

    void cleanupTestCase() { delete m_window; }

    void markedOfflineAndReadOnly()
    {
        QVERIFY(m_window->windowTitle().contains(QLatin1String("offline, read-only")));
        QVERIFY2(m_window->bannerText().startsWith(QLatin1String("Offline, read-only")), qPrintable(m_window->bannerText()));
        QVERIFY(m_window->bannerText().contains(QLatin1String("names from meta.db")));
        select(page()->model()->indexOfSnapshot(topLayer()));
        QVERIFY(!page()->prepareAction()->isEnabled());
        QVERIFY(!page()->viewAction()->isEnabled());
        QVERIFY(!page()->removeAction()->isEnabled());
        QVERIFY(page()->copyPathAction()->isEnabled());
    }

    void detailsFromDisk()
    {
        // The namespace the test images live in (the store may have others).
        m_window->controller()->setNamespace(test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(loaded(page()) && page()->model()->indexOfImage(kThree).isValid(), 20000);

        select(page()->model()->indexOfImage(kThree));
        AtlasDetails *details = page()->details();
        QTRY_VERIFY_WITH_TIMEOUT(details->manifestText().contains(QLatin1String("\"layers\"")), 10000);
        QVERIFY(details->configText().contains(QLatin1String("diff_ids")));

        select(page()->model()->indexOfSnapshot(topLayer()));
        QCOMPARE(details->fieldText(QStringLiteral("Kind")), QStringLiteral("committed"));
        const QString path = details->fieldText(QStringLiteral("Path"));
        QVERIFY2(path.startsWith(test::env("STRATA_TEST_ROOT") + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs/snapshots/")),
                 qPrintable(path));
        QVERIFY(QFileInfo(path).isDir());
        QVERIFY2(details->fieldText(QStringLiteral("Folder read from")).endsWith(QLatin1String("(offline)")),
                 qPrintable(details->fieldText(QStringLiteral("Folder read from"))));
    }

    void reloadShowsWhatChangedOnDiskWithoutMounts()
    {
        const QString key = QStringLiteral("tst-offline-%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), key, topLayer()}).exitCode, 0);
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("label"), key, QStringLiteral("containerd.io/gc.root=test")}).exitCode, 0);
        QVERIFY(!page()->model()->indexOfSnapshot(key).isValid()); // no events offline
        page()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(page()->model()->indexOfSnapshot(key).isValid(), 20000);
        select(page()->model()->indexOfSnapshot(key));
        QCOMPARE(page()->details()->fieldText(QStringLiteral("Kind")), QStringLiteral("active"));
        QVERIFY(!page()->details()->fieldText(QStringLiteral("Folder")).isEmpty());
        QVERIFY(page()->details()->mountsText().isEmpty()); // mounts need a daemon
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), key}).exitCode, 0);
    }

    void hostRootRespellsPaths()
    {
        auto *root = m_window->findChild<QLineEdit *>(QStringLiteral("offlineHostRoot"));
        QVERIFY(root);
        QCOMPARE(root->placeholderText(), test::env("STRATA_TEST_ROOT") + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs"));
        root->setText(QStringLiteral("/elsewhere/overlayfs"));
        QMetaObject::invokeMethod(root, "editingFinished");
        const QString key = topLayer();
        QTRY_VERIFY_WITH_TIMEOUT(page()->model()->indexOfSnapshot(key).data(Atlas::FolderPathRole).toString().startsWith(
                                     QLatin1String("/elsewhere/overlayfs/snapshots/")), 20000);
    }

    void damagedCopyIsAnErrorAndStaysUntouched()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("metadata.db"));
        QFile source(test::env("STRATA_TEST_ROOT") + QStringLiteral("/io.containerd.snapshotter.v1.overlayfs/metadata.db"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray cut = source.read(4096 + 17);
        QFile copy(db);
        QVERIFY(copy.open(QIODevice::WriteOnly) && copy.write(cut) == cut.size());
        copy.close();

        OfflineWindow broken(db);
        broken.setAttribute(Qt::WA_DeleteOnClose, false);
        broken.show();
        QTRY_VERIFY_WITH_TIMEOUT(broken.page()->banner()->text().contains(QLatin1String("Could not read")), 20000);
        QVERIFY2(broken.page()->banner()->text().contains(QLatin1String("damaged")), qPrintable(broken.page()->banner()->text()));
        QCOMPARE(broken.page()->model()->snapshotCount(), 0);
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), cut);
    }
};

QTEST_MAIN(TestOfflineWindow)
#include "tst_offlinewindow.moc"
