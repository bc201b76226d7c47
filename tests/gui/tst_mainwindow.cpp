#include "dragevents.h"
#include "scratchfixture.h"
#include "testenv.h"

#include "atlas/atlasbackend.h"
#include "editor/rulepanel.h"
#include "editor/snapshotpalette.h"
#include "editor/layerlistview.h"
#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"
#include "layers/snapshotmime.h"
#include "layers/layerfoldersmodel.h"
#include "atlas/atlaspage.h"
#include "editor/editorpage.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "run/consoleview.h"
#include "run/runrequest.h"
#include "run/runspage.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QToolBar>
#include <QWidgetAction>
#include <QApplication>
#include <QLineEdit>
#include <QMimeData>
#include <QTabBar>
#include <QTreeView>
#include <QComboBox>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace strata;

class TestMainWindow : public QObject
{
    Q_OBJECT

    static QStringList imageNames(QTableView *view)
    {
        QStringList names;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            names << view->model()->index(r, 0).data().toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    }

    void connectsAndListsImages()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).contains(QStringLiteral("strata.test/three:latest")), 10000);
        QVERIFY(imageNames(view).contains(QStringLiteral("strata.test/one:latest")));
        QCOMPARE(window.session()->state(), Session::State::Connected);
        auto *label = window.findChild<QLabel *>(QStringLiteral("serverLabel"));
        QVERIFY(label->text().contains(window.session()->serverVersion().version));
        QVERIFY(label->text().contains(test::testNamespace()));
    }

    // The namespace chosen on the Atlas is the session's: the Images page and the status bar
    // follow it, and nothing of the old namespace stays listed.
    void oneNamespaceForEveryPage()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).contains(QStringLiteral("strata.test/one:latest")), 10000);
        auto *choice = window.findChild<QComboBox *>(QStringLiteral("atlasNamespace"));
        QVERIFY(choice);
        const QString other = QStringLiteral("tst-mainwindow-empty-%1").arg(QCoreApplication::applicationPid());
        choice->addItem(other);
        choice->setCurrentText(other);
        Q_EMIT choice->textActivated(other);
        QCOMPARE(window.session()->ns(), other);
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).isEmpty(), 10000);
        auto *label = window.findChild<QLabel *>(QStringLiteral("serverLabel"));
        QTRY_VERIFY(label->text().contains(QLatin1String("namespace ") + other));
        window.session()->setNamespace(test::testNamespace());
        QTRY_VERIFY_WITH_TIMEOUT(imageNames(view).contains(QStringLiteral("strata.test/one:latest")), 10000);
        QVERIFY(label->text().contains(QLatin1String("namespace ") + test::testNamespace()));
    }

    // F5 reloads the page in front: the atlas when it is there, the images otherwise.
    void refreshFollowsThePageInFront()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        auto *atlas = window.findChild<AtlasPage *>();
        QVERIFY(atlas);
        QTRY_VERIFY_WITH_TIMEOUT(atlas->statusText().contains(QLatin1String("live")), 20000);
        QSignalSpy loads(atlas->backend(), &AtlasBackend::loadingChanged);
        auto *pages = qobject_cast<QTabWidget *>(atlas->parentWidget()->parentWidget());
        QVERIFY(pages);
        window.refreshCurrentPage(); // the Images page is in front
        QTest::qWait(300);
        QCOMPARE(loads.count(), 0);
        pages->setCurrentWidget(atlas);
        window.refreshCurrentPage();
        QVERIFY(!loads.isEmpty());
        QCOMPARE(loads.constFirst().constFirst().toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(atlas->statusText().contains(QLatin1String("live")), 20000);
    }

    // The layer editor's Run… opens a console on the Runs page and brings it to the front.
    void editorRunLandsOnRunsPage()
    {
        MainWindow window;
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        auto *editor = window.findChild<EditorPage *>();
        auto *runs = window.findChild<RunsPage *>();
        QVERIFY(editor && runs);
        RunRequest request;
        request.id = QStringLiteral("tst-mainwindow-%1").arg(QCoreApplication::applicationPid());
        request.image.name = QStringLiteral("no-such-image");
        request.image.topChainId = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
        request.throwaway = true;
        Q_EMIT editor->runRequested(request);
        auto *pages = qobject_cast<QTabWidget *>(runs->parentWidget()->parentWidget());
        QVERIFY(pages);
        QCOMPARE(pages->currentWidget(), runs);
        auto *console = runs->findChild<ConsoleView *>();
        QVERIFY(console);
        QCOMPARE(console->controller()->request().id, request.id);
        // A layer that does not exist fails the run, and nothing of it stays behind.
        QTRY_VERIFY_WITH_TIMEOUT(!console->controller()->inFlight(), 10000);
        QCOMPARE(console->controller()->state(), RunController::State::Failed);
        QVERIFY(!QString::fromUtf8(test::ctr({QStringLiteral("containers"), QStringLiteral("ls"), QStringLiteral("-q")}).out).contains(request.id));
    }

    // The teaching flow in the window: a scratch filled into the stack runs and its console shows
    // the image's file; with the parents reversed (run anyway) the version from the layer that
    // now wins. In both document shapes: the stack, not the shape, is what runs.
    void stackFilledInTheEditorRuns()
    {
        const test::ScratchFixture scratch(QStringLiteral("strata-mainwindow-scratch"));
        QVERIFY2(scratch.ok(), qPrintable(scratch.error()));
        const QString key = scratch.key();

        MainWindow window;
        window.show();
        auto *editor = window.findChild<EditorPage *>();
        auto *runs = window.findChild<RunsPage *>();
        QVERIFY(editor && runs);
        QSignalSpy loaded(editor, &EditorPage::storeLoaded);
        window.connectTo(test::address(), test::testNamespace());
        QVERIFY(loaded.wait(20000));

        const QString script = QStringLiteral("cat /strata/shadowed.txt; test -e /strata/doomed.txt && echo doomed-visible; true");
        auto runAndRead = [&](bool anyway) -> QString {
            if (anyway) {
                QTimer::singleShot(0, editor, [editor] {
                    QMessageBox *box = nullptr;
                    if (QTest::qWaitFor([&] { return (box = editor->findChild<QMessageBox *>(QStringLiteral("editorRunAnyway"))); }, 5000))
                        box->button(QMessageBox::Yes)->click();
                });
            }
            const int before = runs->tabs()->count();
            if (!editor->runStack({QStringLiteral("sh"), QStringLiteral("-c"), script}) || runs->tabs()->count() != before + 1)
                return QStringLiteral("<no run>");
            auto *console = qobject_cast<ConsoleView *>(runs->tabs()->widget(before));
            if (!QTest::qWaitFor([&] { return console->controller()->state() == RunController::State::Exited; }, 30000))
                return QStringLiteral("<not exited: %1>").arg(console->text());
            return console->text();
        };

        for (const auto shape : {EditorPage::Target::Linux, EditorPage::Target::Windows}) {
            editor->newDocument(shape);
            QComboBox *choice = editor->rulePanel()->scratchChoice();
            choice->setCurrentIndex(choice->findData(key));
            QVERIFY(choice->currentIndex() >= 0);
            QTest::mouseClick(editor->rulePanel()->fillButton(), Qt::LeftButton);
            QCOMPARE(editor->model()->rowCount(), 4);
            QVERIFY(editor->model()->isValid());
            QCOMPARE(runAndRead(false), QStringLiteral("layer 3\n"));

            const QStringList folders = editor->model()->folders();
            editor->model()->resetFolders({folders[2], folders[1], folders[0], folders[3]});
            QVERIFY(!editor->model()->isValid());
            QCOMPARE(runAndRead(true), QStringLiteral("layer 2\ndoomed-visible\n"));
        }
    }

    // The Layer stack page has its own source of snapshots: the Atlas' model, filtered, whose
    // rows drag into the list or append on Enter; and dragging over the tab bar opens a tab.
    void paletteFeedsTheStack()
    {
        MainWindow window;
        window.resize(1200, 700);
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        auto *atlas = window.findChild<AtlasPage *>();
        auto *editor = window.findChild<EditorPage *>();
        QTRY_VERIFY_WITH_TIMEOUT(atlas->statusText().contains(QLatin1String("live")), 20000);
        auto *pages = qobject_cast<QTabWidget *>(editor->parentWidget()->parentWidget());
        pages->setCurrentWidget(editor);
        SnapshotPalette *palette = editor->palette();
        QVERIFY(palette->isVisible());
        QCOMPARE(palette->proxy()->sourceModel(), atlas->model());

        palette->filter()->setText(QStringLiteral("three"));
        QModelIndex layer;
        const QModelIndex image = palette->proxy()->mapFromSource(atlas->model()->indexOfImage(QStringLiteral("strata.test/three:latest")));
        QVERIFY(image.isValid());
        const QAbstractItemModel *m = palette->proxy();
        for (int r = 0; r < m->rowCount(image) && !layer.isValid(); ++r) {
            if (!m->index(r, 0, image).data(Atlas::FolderPathRole).toString().isEmpty())
                layer = m->index(r, 0, image);
        }
        QVERIFY(layer.isValid());
        const QString folder = layer.data(Atlas::FolderPathRole).toString();

        // What a drag from the palette carries is what the list takes.
        std::unique_ptr<QMimeData> data(m->mimeData({layer}));
        QVERIFY(data);
        const auto items = SnapshotMime::fromMimeData(data.get());
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.constFirst().path, folder);
        editor->newDocument(EditorPage::Target::Linux);
        QVERIFY(test::dragInto(editor->list()->viewport(), data.get(), QPoint(20, 20)));
        QCOMPARE(editor->model()->folders(), QStringList{folder});

        // Enter on a row appends it.
        palette->view()->setCurrentIndex(layer);
        Q_EMIT palette->view()->activated(layer);
        QCOMPARE(editor->model()->folders(), (QStringList{folder, folder}));

        // A drag held over the "Layer stack" tab brings that page to the front.
        pages->setCurrentWidget(atlas);
        QTabBar *bar = pages->tabBar();
        QVERIFY(bar->changeCurrentOnDrag());
        const QPoint over = bar->tabRect(pages->indexOf(editor)).center();
        QDragEnterEvent enter(over, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(bar, &enter);
        QDragMoveEvent move(over, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(bar, &move);
        QTRY_COMPARE_WITH_TIMEOUT(pages->currentWidget(), editor, 3000);
    }

    // A failed run's long status line and a long banner wrap or elide: the window keeps its
    // width, and its minimum stays inside a small screen.
    void longMessagesNeverWidenTheWindow()
    {
        MainWindow window;
        window.resize(1000, 700);
        window.show();
        window.connectTo(test::address(), test::testNamespace());
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int width = window.width();
        const int minimum = window.minimumSizeHint().width();
        QVERIFY2(minimum <= 1280, qPrintable(QString::number(minimum))); // fits a 1280 px screen

        auto *runs = window.findChild<RunsPage *>();
        RunRequest request;
        request.id = QStringLiteral("tst-mainwindow-long-%1").arg(QCoreApplication::applicationPid());
        request.image.name = QStringLiteral("no-such-image");
        request.image.topChainId = QStringLiteral("sha256:") + QString(64, QLatin1Char('0'));
        request.args = {QString(600, QLatin1Char('x'))};
        request.throwaway = true;
        ConsoleView *console = runs->startRun(request);
        QVERIFY(console);
        QTRY_VERIFY_WITH_TIMEOUT(!console->controller()->inFlight(), 10000);
        auto *banner = window.findChild<MessageBanner *>();
        banner->showMessage(MessageBanner::Kind::Error,
                            QStringLiteral("could not open /") + QString(500, QLatin1Char('p')) + QStringLiteral(" ") + QString(2000, QLatin1Char('w')));
        QTest::qWait(200);
        QCOMPARE(window.width(), width);
        QCOMPARE(window.minimumSizeHint().width(), minimum);
        QVERIFY(console->findChild<QLabel *>(QStringLiteral("consoleState"))->text().contains(QLatin1String("no-such-image"))
                || !console->findChild<QLabel *>(QStringLiteral("consoleState"))->text().isEmpty());
    }

    // The window stays responsive and says what to do; nothing blocks on the dead socket.
    void unreachableAddressShowsBanner()
    {
        MainWindow window;
        window.show();
        const QString bad = QStringLiteral("unix:///nonexistent/strata-test.sock");
        window.connectTo(bad, QStringLiteral("default"));
        auto *banner = window.findChild<MessageBanner *>();
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QLatin1String("no such file; is containerd running?")), 10000);
        // Advice a GUI user can follow: the menu entry, not stratactl's flag.
        QVERIFY2(banner->text().contains(QStringLiteral("see File → Connect")), qPrintable(banner->text()));
        QVERIFY2(!banner->text().contains(QLatin1String("--address")), qPrintable(banner->text()));
        QCOMPARE(window.session()->state(), Session::State::Unreachable);
    }

    // Switching to an empty namespace empties the pages (the guard against late results of
    // the previous connection is tested on its own in tst_session).
    void switchingConnectionDropsStaleResults()
    {
        MainWindow window;
        window.connectTo(test::address(), test::testNamespace());
        window.connectTo(test::address(), QStringLiteral("strata-empty-%1").arg(QCoreApplication::applicationPid()));
        auto *view = window.findChild<QTableView *>(QStringLiteral("imagesView"));
        QTRY_COMPARE_WITH_TIMEOUT(window.session()->state(), Session::State::Connected, 10000);
        QTest::qWait(500);
        QCOMPARE(view->model()->rowCount(), 0);
    }

    // Every action is registered once and has a menu entry, toolbars hold nothing the menus
    // lack, and no key is taken by two actions that could both fire (Ctrl+O once was: File →
    // Open containerd root… and the Layer stack's Open…, and neither fired).
    void everyActionHasAMenuAndItsOwnKey()
    {
        MainWindow window;
        window.show();
        QCOMPARE(window.actions().clashes(), QStringList());
        QSet<QAction *> inMenus;
        for (QAction *top : window.menuBar()->actions()) {
            QVERIFY(top->menu());
            for (QAction *a : top->menu()->actions())
                inMenus.insert(a);
        }
        QSet<QAction *> registered;
        for (const ActionRegistry::Entry &entry : window.actions().entries()) {
            QVERIFY2(inMenus.contains(entry.action), qPrintable(entry.id));
            registered.insert(entry.action);
        }
        for (QToolBar *bar : window.findChildren<QToolBar *>()) {
            for (QAction *a : bar->actions()) {
                if (!a->isSeparator() && !qobject_cast<QWidgetAction *>(a))
                    QVERIFY2(registered.contains(a), qPrintable(bar->objectName() + QStringLiteral(": ") + a->text()));
            }
        }
        QVERIFY(window.actions().find(QStringLiteral("editor.open"))->shortcuts().contains(QKeySequence(QKeySequence::Open)));
    }

    // Only the page in front shows its menu and takes its keys; the View menu switches pages
    // and brings a closed Containers dock back.
    void pageActionsFollowThePageInFront()
    {
        MainWindow window;
        window.show();
        auto *pages = window.findChild<QTabWidget *>();
        auto *editor = window.findChild<EditorPage *>();
        QAction *open = window.actions().find(QStringLiteral("editor.open"));
        QAction *copyName = window.actions().find(QStringLiteral("images.copyName"));
        window.actions().find(QStringLiteral("view.page3"))->trigger();
        QCOMPARE(pages->currentWidget(), editor);
        QVERIFY(open->isVisible());
        QVERIFY(!copyName->isVisible());
        window.actions().find(QStringLiteral("view.page1"))->trigger();
        QCOMPARE(pages->currentIndex(), 0);
        QVERIFY(!open->isVisible());
        QVERIFY(copyName->isVisible());
        QVERIFY(window.actions().find(QStringLiteral("view.page1"))->isChecked());

        auto *dock = window.findChild<QDockWidget *>();
        QVERIFY(dock);
        dock->close();
        QVERIFY(!dock->isVisible());
        window.actions().find(QStringLiteral("view.containers"))->trigger();
        QVERIFY(dock->isVisible());

        // With no run tab, the Run menu has nothing to act on.
        for (const char *id : {"runs.stop", "runs.kill", "runs.saveLog", "runs.close"})
            QVERIFY2(!window.actions().find(QString::fromLatin1(id))->isEnabled(), id);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
