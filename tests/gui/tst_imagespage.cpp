#include "testenv.h"

#include "atlas/atlaspage.h"
#include "images/imageoperations.h"
#include "images/imagespage.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "run/runspage.h"

#include "images/imagelistmodel.h"
#include "images/imagescontroller.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace strata;

// The Images page against the private containerd: real sizes, platforms and unpacked sizes;
// rows that follow `ctr images tag` and `rm` without a reset; Run…, Show layers in Atlas and
// the copy actions through the window.
class TestImagesPage : public QObject
{
    Q_OBJECT

    static int rowOf(ImagesPage *page, const QString &name) { return page->model()->rowOf(name); }

    static bool select(ImagesPage *page, const QString &name)
    {
        const int row = rowOf(page, name);
        if (row < 0)
            return false;
        auto *proxy = page->view()->model();
        for (int r = 0; r < proxy->rowCount(); ++r) {
            if (proxy->index(r, 0).data(ImageListModel::NameRole).toString() == name) {
                page->view()->setCurrentIndex(proxy->index(r, 0));
                return true;
            }
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    }

    void rowsShowRealSizesAndFollowEvents()
    {
        Session session;
        ImagesPage page(&session);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(page.controller(), &ImagesController::loaded);
        session.connectTo(test::address(), test::testNamespace());
        QVERIFY(loaded.wait(20000));
        const QString three = QStringLiteral("strata.test/three:latest");
        const int row = rowOf(&page, three);
        QVERIFY(row >= 0);
        const ImageSummary &image = page.model()->images().at(row);
        // The content store's bytes, not the manifest's few hundred.
        QVERIFY2(image.size > 100 * 1024 && image.size > image.record.size * 100, qPrintable(QString::number(image.size)));
        QCOMPARE(image.layers, 3);
        QVERIFY(image.platforms.constFirst().startsWith(QLatin1String("linux/")));
        QVERIFY2(image.unpacked > 0, "the test images are unpacked for overlayfs");
        QVERIFY(!image.topChainId.isEmpty());
        QCOMPARE(page.statusLabel()->text(), QStringLiteral("%1 images in namespace strata-test").arg(page.model()->rowCount()));

        // A tag is an image event: the row arrives by itself, and a removal takes it away,
        // without resetting the rows around it.
        const QString tagged = QStringLiteral("strata.test/tagged-by-test:1");
        test::ctr({QStringLiteral("images"), QStringLiteral("rm"), tagged});
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(&page, tagged) < 0, 10000);
        QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
        QCOMPARE(test::ctr({QStringLiteral("images"), QStringLiteral("tag"), QStringLiteral("strata.test/one:latest"), tagged}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(&page, tagged) >= 0, 10000);
        QVERIFY(page.model()->images().at(rowOf(&page, tagged)).size > 0);
        QCOMPARE(test::ctr({QStringLiteral("images"), QStringLiteral("rm"), tagged}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(&page, tagged) < 0, 10000);
        QCOMPARE(resets.count(), 0);
    }

    void actionsThroughTheWindow()
    {
        MainWindow window;
        window.resize(1200, 700);
        window.show();
        auto *images = window.findChild<ImagesPage *>();
        auto *runs = window.findChild<RunsPage *>();
        auto *atlas = window.findChild<AtlasPage *>();
        QVERIFY(images && runs && atlas);
        auto *pages = qobject_cast<QTabWidget *>(images->parentWidget()->parentWidget());
        QVERIFY(pages);
        QSignalSpy loaded(images->controller(), &ImagesController::loaded);
        window.connectTo(test::address(), test::testNamespace());
        QVERIFY(loaded.wait(20000));
        const QString three = QStringLiteral("strata.test/three:latest");

        // The first row is current after the load, so the keyboard has something to act on.
        QVERIFY(images->view()->currentIndex().isValid());
        QVERIFY(select(images, three));
        QVERIFY(images->runAction()->isEnabled());

        // Every action is in the Image menu or the Edit menu, shown while the page is in front.
        QMenu *menu = nullptr;
        QMenu *edit = nullptr;
        for (QAction *a : window.menuBar()->actions()) {
            if (a->text() == images->menuTitle())
                menu = a->menu();
            if (a->text() == QLatin1String("&Edit"))
                edit = a->menu();
        }
        QVERIFY(menu && edit);
        ImageOperations *ops = images->operations();
        QCOMPARE(menu->actions(), (QList<QAction *>{images->runAction(), images->showInAtlasAction(), images->unpackAction(),
                                                    images->pullAction(), ops->importAction(), ops->tagAction(),
                                                    ops->exportAction(), ops->removeAction()}));
        QVERIFY(menu->menuAction()->isVisible());
        for (QAction *copy : {images->copyNameAction(), images->copyDigestAction()}) {
            QVERIFY(edit->actions().contains(copy));
            QVERIFY(copy->isVisible());
        }

        // Shift+F10 opens the context menu at the current row, as the Menu key does.
        images->view()->setFocus();
        QTest::keyClick(images->view(), Qt::Key_F10, Qt::ShiftModifier);
        QMenu *popup = nullptr;
        QTRY_VERIFY((popup = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
        QVERIFY(popup->actions().contains(images->runAction()));
        popup->close();

        images->copyNameAction()->trigger();
        QCOMPARE(QApplication::clipboard()->text(), three);
        images->copyDigestAction()->trigger();
        QVERIFY(QApplication::clipboard()->text().startsWith(QLatin1String("sha256:")));

        // Double-click (activation) is Run…: the Runs page, the image filled in, the command
        // field ready; the image field completes from the images present.
        Q_EMIT images->view()->activated(images->view()->currentIndex());
        QCOMPARE(pages->currentWidget(), runs);
        QCOMPARE(runs->imageField()->text(), three);
        QCOMPARE(QApplication::focusWidget(), runs->findChild<QLineEdit *>(QStringLiteral("runCommand")));
        QVERIFY(!menu->menuAction()->isVisible());
        QCompleter *completer = runs->imageField()->completer();
        QVERIFY(completer);
        completer->setCompletionPrefix(QStringLiteral("three"));
        QVERIFY(completer->setCurrentRow(0));
        QCOMPARE(completer->currentCompletion(), three);

        // Show layers in Atlas: the atlas in front, the image's row current.
        pages->setCurrentWidget(images);
        QTRY_VERIFY_WITH_TIMEOUT(atlas->statusText().contains(QLatin1String("live")), 20000);
        images->showInAtlasAction()->trigger();
        QCOMPARE(pages->currentWidget(), atlas);
        QCOMPARE(atlas->view()->currentIndex().data(Qt::DisplayRole).toString(), three);

        // Columns fit their content: the name is never cut.
        QHeaderView *header = images->view()->horizontalHeader();
        QVERIFY(header->sectionSize(ImageListModel::Name) > images->view()->fontMetrics().horizontalAdvance(three));
    }

    // An image imported without unpacking: Unpack is offered, makes the layers snapshots, and
    // the row then shows their size and no longer offers it.
    void unpackAnImageWithoutSnapshots()
    {
        const QString ns = QStringLiteral("tst-imagespage-unpack-%1").arg(QCoreApplication::applicationPid());
        const QString one = QStringLiteral("strata.test/one:latest");
        QTemporaryDir dir;
        const QString archive = dir.filePath(QStringLiteral("one.tar"));
        QCOMPARE(test::ctr({QStringLiteral("images"), QStringLiteral("export"), archive, one}).exitCode, 0);
        QCOMPARE(test::ctr({QStringLiteral("images"), QStringLiteral("import"), QStringLiteral("--no-unpack"), archive}, ns).exitCode, 0);
        Session session;
        ImagesPage page(&session);
        page.show();
        QSignalSpy loaded(page.controller(), &ImagesController::loaded);
        session.connectTo(test::address(), ns);
        QVERIFY(loaded.wait(20000));
        QVERIFY(select(&page, one));
        QCOMPARE(page.model()->images().at(rowOf(&page, one)).unpacked, -1);
        QVERIFY(page.unpackAction()->isEnabled());
        page.unpackAction()->trigger();
        QVERIFY(!page.unpackAction()->isEnabled()); // once at a time
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->images().at(rowOf(&page, one)).unpacked > 0, 20000);
        QVERIFY(select(&page, one));
        QVERIFY(!page.unpackAction()->isEnabled());
        auto *banner = page.findChild<MessageBanner *>();
        QVERIFY(banner && banner->text().contains(QLatin1String("is unpacked into overlayfs")));
        const QString top = page.model()->images().at(rowOf(&page, one)).topChainId;
        QCOMPARE(test::ctr({QStringLiteral("snapshots"), QStringLiteral("info"), top}, ns).exitCode, 0);
        test::ctr({QStringLiteral("images"), QStringLiteral("rm"), one}, ns);
        test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), top}, ns);
    }
};

QTEST_MAIN(TestImagesPage)
#include "tst_imagespage.moc"
