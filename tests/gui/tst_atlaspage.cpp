#include "testenv.h"

#include "atlas/atlascontroller.h"
#include "atlas/atlasdetails.h"
#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlaspage.h"
#include "atlas/atlasroles.h"
#include "atlas/mountsdialog.h"
#include "messagebanner.h"
#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTest>
#include <QToolTip>
#include <QTreeView>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kThree = QStringLiteral("strata.test/three:latest");

template<typename T>
T *waitForChild(QWidget *parent, const QString &name)
{
    T *found = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        found = parent->findChild<T *>(name);
        return found && found->isVisible();
    }, 10000);
    return shown ? found : nullptr;
}

} // namespace

class TestAtlasPage : public QObject
{
    Q_OBJECT

    Session *m_session = nullptr;
    AtlasPage *m_page = nullptr;

    QModelIndex proxyIndex(const QModelIndex &source) const { return m_page->proxy()->mapFromSource(source); }

    void select(const QModelIndex &source)
    {
        const QModelIndex index = proxyIndex(source);
        QVERIFY(index.isValid());
        m_page->view()->scrollTo(index);
        m_page->view()->setCurrentIndex(index);
    }

    QString topLayer() const
    {
        const QModelIndex image = m_page->model()->indexOfImage(kThree);
        return m_page->model()->index(2, 0, image).data(Atlas::KeyRole).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        m_session = new Session(this);
        m_page = new AtlasPage(m_session);
        m_page->resize(1200, 700);
        m_page->show();
        m_session->connectTo(test::address(), test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(m_page->statusText().contains(QLatin1String("live")), 20000);
        QVERIFY(m_page->model()->indexOfImage(kThree).isValid());
    }

    void cleanupTestCase()
    {
        delete m_page;
    }

    void filtering()
    {
        auto *filter = m_page->findChild<QLineEdit *>(QStringLiteral("atlasFilter"));
        QVERIFY(filter);
        auto *proxy = m_page->proxy();
        QTreeView *view = m_page->view();
        // What the user had open: the images and one image, the snapshots folded.
        view->collapseAll();
        view->expand(proxyIndex(m_page->model()->imagesIndex()));
        view->expand(proxyIndex(m_page->model()->indexOfImage(kThree)));
        QTest::keyClicks(filter, QStringLiteral("three"));
        const QModelIndex images = proxy->index(0, 0);
        QCOMPARE(proxy->rowCount(images), 1);
        QCOMPARE(proxy->index(0, 0, images).data().toString(), kThree);
        // Its three layers are what the Snapshots branch keeps: one chain.
        const QModelIndex snapshots = proxy->index(1, 0);
        QCOMPARE(proxy->rowCount(snapshots), 1);
        QVERIFY(m_page->view()->isExpanded(proxy->index(0, 0, images)));

        // A folder number finds its snapshot wherever it is shown.
        const QString folder = m_page->model()->indexOfSnapshot(topLayer()).data(Atlas::FolderIdRole).toString();
        QVERIFY(!folder.isEmpty());
        filter->clear();
        QTest::keyClicks(filter, folder);
        QModelIndex deepest = proxy->index(1, 0);
        while (proxy->rowCount(deepest) > 0) {
            QCOMPARE(proxy->rowCount(deepest), 1);
            deepest = proxy->index(0, 0, deepest);
        }
        QCOMPARE(deepest.data(Atlas::KeyRole).toString(), topLayer());
        filter->clear();
        QCOMPARE(proxy->rowCount(proxy->index(1, 0)), m_page->model()->rowCount(m_page->model()->snapshotsIndex()));
        // Clearing the filter brings back what was open before it, not a folded tree.
        QVERIFY(view->isExpanded(proxyIndex(m_page->model()->imagesIndex())));
        QVERIFY(view->isExpanded(proxyIndex(m_page->model()->indexOfImage(kThree))));
        QVERIFY(!view->isExpanded(proxyIndex(m_page->model()->snapshotsIndex())));
    }

    void detailsPane()
    {
        auto *splitter = m_page->findChild<QSplitter *>(QStringLiteral("atlasSplitter"));
        QVERIFY(splitter);
        const QList<int> sizes = splitter->sizes();
        select(m_page->model()->indexOfImage(kThree));
        AtlasDetails *details = m_page->details();
        QCOMPARE(details->title(), kThree);
        QTRY_VERIFY_WITH_TIMEOUT(details->configText().contains(QLatin1String("diff_ids")), 10000);
        QVERIFY(details->manifestText().contains(QLatin1String("\"layers\"")));

        select(m_page->model()->indexOfSnapshot(topLayer()));
        QCOMPARE(details->title(), topLayer());
        QCOMPARE(details->fieldText(QStringLiteral("Kind")), QStringLiteral("committed"));
        const QString path = m_page->model()->indexOfSnapshot(topLayer()).data(Atlas::FolderPathRole).toString();
        QCOMPARE(details->fieldText(QStringLiteral("Path")), path);
        QCOMPARE(details->fieldText(QStringLiteral("Used by")), kThree);
        // Run as root on the containerd host: the number comes from the snapshotter's own db.
        QVERIFY2(details->fieldText(QStringLiteral("Folder read from")).startsWith(QLatin1String("metadata.db at ")),
                 qPrintable(details->fieldText(QStringLiteral("Folder read from"))));
        auto *copyPath = details->findChild<QPushButton *>(QStringLiteral("atlasCopyPath"));
        QVERIFY(copyPath && copyPath->isEnabled());
        copyPath->click();
        QCOMPARE(QApplication::clipboard()->text(), path);
        // The click says what it did (a tooltip here; the status bar inside the main window).
        QVERIFY2(QToolTip::text().startsWith(QLatin1String("Copied folder path: ")), qPrintable(QToolTip::text()));
        // Long paths and digests in the details do not move the splitter.
        QCOMPARE(splitter->sizes(), sizes);
    }

    void prepareScratchAndRemove()
    {
        const QString parent = topLayer();
        select(m_page->model()->indexOfSnapshot(parent));
        QVERIFY(m_page->prepareAction()->isEnabled());
        m_page->prepareAction()->trigger();
        auto *ask = waitForChild<QInputDialog>(m_page, QStringLiteral("atlasKeyDialog"));
        QVERIFY(ask);
        const QString key = QStringLiteral("tst-atlaspage-%1").arg(QCoreApplication::applicationPid());
        ask->setTextValue(key);
        ask->accept();

        auto *mounts = waitForChild<MountsDialog>(m_page, QStringLiteral("atlasMountsDialog"));
        QVERIFY(mounts);
        QVERIFY2(mounts->text().contains(QLatin1String("upperdir=")), qPrintable(mounts->text()));
        mounts->close();
        // The prepare event brings the row, under its parent, and the status line counts it.
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexOfSnapshot(key).isValid(), 10000);
        const int snapshots = m_page->model()->snapshotCount();
        QTRY_VERIFY2(m_page->statusText().contains(QStringLiteral("%1 snapshots").arg(snapshots)), qPrintable(m_page->statusText()));
        QCOMPARE(m_page->model()->indexOfSnapshot(key).parent(), m_page->model()->indexOfSnapshot(parent));
        QVERIFY(QString::fromUtf8(ctr({QStringLiteral("snapshots"), QStringLiteral("info"), key}).out).contains(QLatin1String("containerd.io/gc.root")));

        // The details of an active snapshot show its mounts like ctr prints them.
        select(m_page->model()->indexOfSnapshot(key));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->details()->mountsText().contains(QLatin1String("\"Type\": \"overlay\"")), 10000);

        // Removing its parent is refused with the reason, without asking.
        select(m_page->model()->indexOfSnapshot(parent));
        m_page->removeAction()->trigger();
        QVERIFY(m_page->findChild<QMessageBox *>(QStringLiteral("atlasRemoveConfirm")) == nullptr);
        QTRY_VERIFY(m_page->banner()->text().contains(QLatin1String("parent of ") + key));
        QVERIFY(m_page->model()->indexOfSnapshot(parent).isValid());

        // Removing the scratch asks first; Cancel keeps it, Yes removes it.
        select(m_page->model()->indexOfSnapshot(key));
        m_page->removeAction()->trigger();
        auto *confirm = waitForChild<QMessageBox>(m_page, QStringLiteral("atlasRemoveConfirm"));
        QVERIFY(confirm);
        confirm->button(QMessageBox::Cancel)->click();
        QTest::qWait(200);
        QVERIFY(m_page->model()->indexOfSnapshot(key).isValid());
        m_page->removeAction()->trigger();
        confirm = waitForChild<QMessageBox>(m_page, QStringLiteral("atlasRemoveConfirm"));
        QVERIFY(confirm);
        confirm->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->indexOfSnapshot(key).isValid(), 10000);
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("info"), key}).exitCode == 0, false);
        QTRY_VERIFY2(m_page->statusText().contains(QStringLiteral("%1 snapshots").arg(snapshots - 1)), qPrintable(m_page->statusText()));
    }

    void removingAnImagesLayerAsksTwice()
    {
        // The top layer, its scratch gone, has no children: only the image stands in the way.
        const QString layer = topLayer();
        select(m_page->model()->indexOfSnapshot(layer));
        m_page->removeAction()->trigger();
        auto *first = waitForChild<QMessageBox>(m_page, QStringLiteral("atlasRemoveConfirm"));
        QVERIFY(first);
        QVERIFY2(first->text().contains(kThree), qPrintable(first->text()));
        first->button(QMessageBox::Yes)->click();
        auto *again = waitForChild<QMessageBox>(m_page, QStringLiteral("atlasRemoveConfirmAgain"));
        QVERIFY(again);
        QVERIFY(again->text().contains(kThree));
        QCOMPARE(again->defaultButton(), again->button(QMessageBox::Cancel));
        again->button(QMessageBox::Cancel)->click();
        QTest::qWait(300);
        QVERIFY(m_page->model()->indexOfSnapshot(layer).isValid());
        QCOMPARE(ctr({QStringLiteral("snapshots"), QStringLiteral("info"), layer}).exitCode, 0);
    }

    void containerSnapshotIsRefused()
    {
        const QString id = QStringLiteral("tst-atlaspage-ctr-%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(ctr({QStringLiteral("containers"), QStringLiteral("create"), kThree, id}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexOfSnapshot(id).isValid(), 10000);
        select(m_page->model()->indexOfSnapshot(id));
        m_page->removeAction()->trigger();
        auto *confirm = waitForChild<QMessageBox>(m_page, QStringLiteral("atlasRemoveConfirm"));
        QVERIFY(confirm);
        confirm->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_page->banner()->text().contains(QLatin1String("container ") + id), 10000);
        QVERIFY(m_page->model()->indexOfSnapshot(id).isValid());
        QCOMPARE(ctr({QStringLiteral("containers"), QStringLiteral("rm"), id}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->indexOfSnapshot(id).isValid(), 10000);
    }

    void anotherNamespaceLeavesNothingOfTheOld()
    {
        select(m_page->model()->indexOfSnapshot(topLayer()));
        QCOMPARE(m_page->details()->title(), topLayer());
        const QString empty = QStringLiteral("tst-atlaspage-empty-%1").arg(QCoreApplication::applicationPid());
        m_page->backend()->setNamespace(empty);
        QCOMPARE(m_session->ns(), empty); // chosen here, chosen for the session
        QTRY_VERIFY_WITH_TIMEOUT(m_page->statusText().contains(QLatin1String("0 snapshots")), 10000);
        QVERIFY(m_page->statusText().contains(empty));
        QVERIFY(m_page->details()->title() != topLayer());
        QVERIFY(m_page->details()->fieldText(QStringLiteral("Kind")).isEmpty());
        m_page->backend()->setNamespace(test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexOfImage(kThree).isValid(), 20000);
    }
};

QTEST_MAIN(TestAtlasPage)
#include "tst_atlaspage.moc"
