#include "dragevents.h"
#include "scratchfixture.h"
#include "testenv.h"

#include "editor/chaindiagram.h"
#include "editor/configjsontab.h"
#include "editor/editorpage.h"
#include "editor/layerlistview.h"
#include "editor/rulepanel.h"
#include "messagebanner.h"

#include "layers/layerfoldersmodel.h"
#include "layers/snapshotmime.h"
#include "run/runrequest.h"
#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDropEvent>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace strata;

namespace {

const QString Root = QStringLiteral(R"(C:\ProgramData\containerd\root\io.containerd.snapshotter.v1.windows\snapshots\)");
const QString TopKey = QStringLiteral("sha256:e8f3e4fab40f73223eeb701772ecbdcf140d5edb61604f5ec5889a5829212bbe");
const QString BaseKey = QStringLiteral("sha256:14cff146928db34f74c46fc15ab193e1fffbacf8bc96a59c7b82962985e5764c");

QString folder(int n) { return Root + QString::number(n); }

QList<SnapshotFolder> windowsStore()
{
    QFile file(test::fixture(QStringLiteral("layers/windows.store")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    auto store = SnapshotStore::fromText(QString::fromUtf8(file.readAll()));
    return store ? store->folders() : QList<SnapshotFolder>{};
}

using S = LayerFoldersModel::RowState;

QList<S> states(const LayerFoldersModel *m)
{
    QList<S> out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << S(m->index(r).data(LayerFoldersModel::StateRole).toInt());
    return out;
}

QStringList violationTexts(RulePanel *panel)
{
    QStringList out;
    for (int i = 0; i < panel->violationList()->count(); ++i)
        out << panel->violationList()->item(i)->text();
    return out;
}

QPoint below(LayerListView *list)
{
    return QPoint(20, list->viewport()->height() - 4);
}

QPoint upperHalf(LayerListView *list, int row)
{
    const QRect r = list->visualRect(list->model()->index(row, 0));
    return QPoint(r.center().x(), r.top() + 2);
}

} // namespace

class TestEditor : public QObject
{
    Q_OBJECT

    std::unique_ptr<EditorPage> makePage()
    {
        auto page = std::make_unique<EditorPage>(nullptr);
        page->resize(1200, 760);
        page->show();
        page->activateWindow();
        page->setStore(windowsStore(), QStringLiteral("fixture"));
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!windowsStore().isEmpty());
    }

    void dragLayersFromAtlas()
    {
        auto page = makePage();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        LayerListView *list = page->list();
        LayerFoldersModel *model = page->model();

        // The top layer, as the atlas tree drags it.
        std::unique_ptr<QMimeData> top(SnapshotMime::toMimeData({{QStringLiteral("windows"), TopKey, folder(24)}}));
        QVERIFY(test::dragInto(list->viewport(), top.get(), below(list)));
        QCOMPARE(model->folders(), QStringList{folder(24)});
        QCOMPARE(states(model), QList<S>{S::Violation});
        QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("needs a scratch")));

        // The scratch below it: the row turns fine, the gap shows on the scratch.
        std::unique_ptr<QMimeData> scratch(SnapshotMime::toMimeData({{QStringLiteral("windows"), QStringLiteral("servercore-test"), {}}}));
        QVERIFY(test::dragInto(list->viewport(), scratch.get(), below(list)));
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(25)}));
        QCOMPARE(states(model), (QList<S>{S::Ok, S::Violation}));
        QVERIFY(violationTexts(page->rulePanel()).first().startsWith(QStringLiteral("missing-parent: ")));
        const auto boxes = page->rulePanel()->diagram()->boxes();
        QCOMPARE(boxes.size(), 3);
        QCOMPARE(boxes.at(0).state, ChainDiagram::Box::State::InPlace);  // scratch, row 2
        QCOMPARE(boxes.at(2).state, ChainDiagram::Box::State::Missing);  // base 23

        // The base as a plain-text path, dropped on the upper half of the scratch row.
        auto base = std::make_unique<QMimeData>();
        base->setText(folder(23));
        QVERIFY(test::dragInto(list->viewport(), base.get(), upperHalf(list, 1)));
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QCOMPARE(states(model), (QList<S>{S::Ok, S::Ok, S::Ok}));
        QVERIFY(page->rulePanel()->statusLabel()->text().contains(QStringLiteral("Valid")));
        QCOMPARE(page->rulePanel()->violationList()->count(), 0);
        for (const auto &box : page->rulePanel()->diagram()->boxes())
            QCOMPARE(box.state, ChainDiagram::Box::State::InPlace);
        QCOMPARE(list->selectedRows(), QList<int>{1});

        // Every drop was one undo step.
        QCOMPARE(page->undoStack()->count(), 3);
        QVERIFY(page->isModified());

        // A row dragged within the list moves (it is not copied, nor removed by the source).
        list->selectRows({0});
        std::unique_ptr<QMimeData> row(model->mimeData({model->index(0)}));
        QVERIFY(test::dragInto(list->viewport(), row.get(), below(list)));
        QCOMPARE(model->folders(), (QStringList{folder(23), folder(25), folder(24)}));
        QCOMPARE(model->rowCount(), 3);
    }

    void keysUndoAndFix()
    {
        auto page = makePage();
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        LayerListView *list = page->list();
        LayerFoldersModel *model = page->model();
        QVERIFY(model->insertFolders(0, {folder(24), folder(23), folder(25)}));
        QVERIFY(model->isValid());
        list->setFocus();
        list->selectRows({0});

        QTest::keyClick(list, Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(model->folders(), (QStringList{folder(23), folder(24), folder(25)}));
        QCOMPARE(list->selectedRows(), QList<int>{1}); // the selection follows the row
        const QStringList texts = violationTexts(page->rulePanel());
        QCOMPARE(texts.size(), 1);
        QVERIFY2(texts.first().startsWith(QStringLiteral("wrong-order: The parent order looks base-first")), qPrintable(texts.first()));
        QCOMPARE(states(model), (QList<S>{S::Violation, S::Violation, S::Ok}));
        QVERIFY(page->rulePanel()->fixOrderButton()->isEnabled());

        QTest::mouseClick(page->rulePanel()->fixOrderButton(), Qt::LeftButton);
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QVERIFY(model->isValid());
        QVERIFY(!page->rulePanel()->fixOrderButton()->isEnabled());

        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->folders(), (QStringList{folder(23), folder(24), folder(25)}));
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));

        // Delete of two scattered rows is one step to undo.
        list->selectRows({0, 2});
        QTest::keyClick(list, Qt::Key_Delete);
        QCOMPARE(model->folders(), QStringList{folder(23)});
        QVERIFY(rules(model).contains(QStringLiteral("too-few-layers")));
        QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));

        list->selectRows({0});
        QTest::keyClick(list, Qt::Key_Up, Qt::ControlModifier); // the first row stays
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));

        // Fill from the other scratch the store offers.
        QComboBox *choice = page->rulePanel()->scratchChoice();
        const int myTest = choice->findData(QStringLiteral("my-test"));
        QVERIFY(myTest >= 0);
        choice->setCurrentIndex(myTest);
        QTest::mouseClick(page->rulePanel()->fillButton(), Qt::LeftButton);
        QCOMPARE(model->folders(), (QStringList{folder(20), folder(21)}));
        QVERIFY(model->isValid());
        page->undoStack()->undo();
        QCOMPARE(model->folders(), (QStringList{folder(24), folder(23), folder(25)}));
    }

    void runFromTheEditor()
    {
        auto page = makePage();
        LayerFoldersModel *model = page->model();
        QList<RunRequest> requested;
        connect(page.get(), &EditorPage::runRequested, this, [&](const RunRequest &r) { requested << r; });
        // Answers the next run-anyway question with `button`, keeping its text.
        QString asked;
        auto answer = [&](QMessageBox::StandardButton button) {
            asked.clear();
            QTimer::singleShot(0, this, [&, button] {
                QVERIFY(QTest::qWaitFor([&] { return page->findChild<QMessageBox *>(QStringLiteral("editorRunAnyway")); }, 5000));
                auto *box = page->findChild<QMessageBox *>(QStringLiteral("editorRunAnyway"));
                asked = box->text();
                box->button(button)->click();
            });
        };

        QVERIFY(model->insertFolders(0, {folder(23)}));
        QVERIFY(!page->runAction()->isEnabled()); // no parent and scratch yet
        QVERIFY(!page->runStack({QStringLiteral("sh")}));
        model->resetFolders({folder(24), folder(23), folder(25)});
        QVERIFY(page->runAction()->isEnabled());

        // A valid stack runs without a question.
        QVERIFY(page->runStack({QStringLiteral("cat"), QStringLiteral("/etc/hostname")}));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested[0].source, RunRequest::Source::Stack);
        QCOMPARE(requested[0].stack.folders(), model->folders());
        QCOMPARE(requested[0].args, (QStringList{QStringLiteral("cat"), QStringLiteral("/etc/hostname")}));
        QCOMPARE(requested[0].snapshotter, page->snapshotterChoice()->currentText());
        QVERIFY(!requested[0].runAnyway);
        QVERIFY(requested[0].throwaway);
        QVERIFY(!requested[0].id.isEmpty());

        // Base first: one rule broken. "No" runs nothing.
        model->resetFolders({folder(23), folder(24), folder(25)});
        QVERIFY(!model->violations().isEmpty());
        answer(QMessageBox::No);
        QVERIFY(!page->runStack({QStringLiteral("sh")}));
        QVERIFY2(asked.contains(QStringLiteral("breaks %1 layer rule").arg(model->violations().size())), qPrintable(asked));
        QCOMPARE(requested.size(), 1);

        answer(QMessageBox::Yes);
        QVERIFY(page->runStack({QStringLiteral("sh")}));
        QVERIFY(!asked.isEmpty());
        QCOMPARE(requested.size(), 2);
        QVERIFY(requested[1].runAnyway);
        QCOMPARE(requested[1].stack.folders(), (QStringList{folder(23), folder(24), folder(25)}));

        // Run… asks for the command and splits it like a shell.
        model->resetFolders({folder(24), folder(23), folder(25)});
        QTimer::singleShot(0, this, [&] {
            QInputDialog *dialog = nullptr;
            QVERIFY(QTest::qWaitFor([&] { return (dialog = page->findChild<QInputDialog *>()) && dialog->isVisible(); }, 5000));
            dialog->setTextValue(QStringLiteral("sh -c 'echo two words'"));
            dialog->accept();
        });
        page->runAction()->trigger();
        QCOMPARE(requested.size(), 3);
        QCOMPARE(requested[2].args, (QStringList{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo two words")}));
    }

    void documentRoundTrip()
    {
        QTemporaryDir dir;
        auto page = makePage();
        LayerFoldersModel *model = page->model();
        QVERIFY(page->openFile(test::fixture(QStringLiteral("config/seed-config.json"))));
        QCOMPARE(model->folders(), (QStringList{folder(20), folder(21)}));
        QVERIFY(model->isValid());
        QVERIFY(!page->isModified());
        QCOMPARE(page->undoStack()->count(), 0);

        // Unknown fields survive an edit and a save.
        QVERIFY(page->openFile(test::fixture(QStringLiteral("config/unknown-fields.json"))));
        const QByteArray original = page->document().toJson();
        QVERIFY(model->insertFolders(-1, {folder(24)}));
        QVERIFY(page->isModified());
        const QString saved = dir.filePath(QStringLiteral("edited.json"));
        QVERIFY(page->saveFile(saved));
        QVERIFY(!page->isModified());
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(page->jsonTab()->editor()->toPlainText().toUtf8(), bytes);
        auto reread = ConfigDocument::parse(bytes);
        QVERIFY(reread);
        auto stack = reread->layerStack();
        QVERIFY(stack);
        QCOMPARE(stack->folders().last(), folder(24));
        auto before = ConfigDocument::parse(original);
        QVERIFY(before);
        for (const auto &[key, value] : before->json().items()) {
            if (key != "windows" && key != "annotations")
                QVERIFY2(reread->json().contains(key) && reread->json()[key] == value, key.c_str());
        }
        QVERIFY(reread->json()["windows"]["resources"] == before->json()["windows"]["resources"]);
        QVERIFY(reread->json()["windows"]["servicing"] == false);
    }

    void jsonTab()
    {
        QTemporaryDir dir;
        auto page = makePage();
        LayerFoldersModel *model = page->model();
        QVERIFY(page->openFile(test::fixture(QStringLiteral("config/seed-config.json"))));
        ConfigJsonTab *json = page->jsonTab();
        QVERIFY(json->editor()->toPlainText().contains(QStringLiteral("layerFolders")));

        // A syntax error: line and column, cursor on it; the document is untouched.
        QString text = json->editor()->toPlainText();
        const int cwdLine = int(text.left(text.indexOf(QStringLiteral("\"cwd\""))).count(QLatin1Char('\n'))) + 1;
        text.replace(QStringLiteral("\"cwd\": \"\""), QStringLiteral("\"cwd\" \"\""));
        json->editor()->setPlainText(text);
        QVERIFY(json->hasPendingEdits());
        QVERIFY(!json->apply());
        QVERIFY2(json->errorLabel()->text().startsWith(QStringLiteral("line %1, column").arg(cwdLine)), qPrintable(json->errorLabel()->text()));
        QCOMPARE(json->editor()->textCursor().blockNumber(), cwdLine - 1);
        QCOMPARE(model->folders(), (QStringList{folder(20), folder(21)}));

        // A valid edit that swaps the folders: the list follows, and the change undoes.
        text.replace(QStringLiteral("\"cwd\" \"\""), QStringLiteral("\"cwd\": \"C:\\\\\""));
        auto doc = ConfigDocument::parse(text.toUtf8());
        QVERIFY(doc);
        doc->setLayerStack(LayerStack::fromFolders({folder(21), folder(20)}));
        json->editor()->setPlainText(QString::fromUtf8(doc->toJson()));
        QVERIFY(json->apply());
        QCOMPARE(model->folders(), (QStringList{folder(21), folder(20)}));
        QVERIFY(model->index(0).data(LayerFoldersModel::RulesRole).toStringList().contains(QStringLiteral("scratch-not-last")));
        QVERIFY(page->document().json().at("process").at("cwd") == "C:\\");
        QVERIFY(page->isModified());
        page->undoStack()->undo();
        QCOMPARE(model->folders(), (QStringList{folder(20), folder(21)}));
        QVERIFY(json->editor()->toPlainText().indexOf(QStringLiteral("\\\\20")) < json->editor()->toPlainText().indexOf(QStringLiteral("\\\\21")));

        // A broken file opens in the JSON tab at the error.
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"windows\": {\n    \"layerFolders\": [,]\n  }\n}\n");
        file.close();
        QVERIFY(!page->openFile(broken));
        QVERIFY2(page->banner()->text().contains(QStringLiteral("line 3, column")), qPrintable(page->banner()->text()));
        QCOMPARE(page->tabs()->currentWidget(), json);
        QCOMPARE(json->editor()->textCursor().blockNumber(), 2);
    }

    // The page speaks the shape of the document in front: its field names, its rule, its box.
    void shapeTexts()
    {
        auto page = makePage();
        // No session: the default snapshotter is the host's, and so is the first document's shape.
        const bool windowsHost = page->snapshotterChoice()->currentText() == QLatin1String("windows");
        QCOMPARE(page->document().form(), windowsHost ? ConfigDocument::Form::Windows : ConfigDocument::Form::Linux);
        auto *listTitle = page->findChild<QLabel *>(QStringLiteral("listTitle"));
        QVERIFY(listTitle);
        auto *title = page->findChild<QLabel *>(QStringLiteral("documentTitle"));
        const QLabel *rule = page->rulePanel()->ruleLabel();

        page->newDocument(EditorPage::Target::Linux);
        QVERIFY(listTitle->text().contains(QLatin1String("lowerdir")) && listTitle->text().contains(QLatin1String("upperdir")));
        QVERIFY(!listTitle->text().contains(QLatin1String("layerFolders")));
        for (const char *windowsWord : {"layerFolders", "parentLayerPaths", "hcsshim", "HCS"})
            QVERIFY2(!rule->text().contains(QLatin1String(windowsWord)), windowsWord);
        QVERIFY(rule->text().contains(QLatin1String("lowerdir")));
        QCOMPARE(page->targetChoice()->currentText(), QStringLiteral("Linux shape"));
        QVERIFY(title->text().endsWith(QLatin1String("Linux shape")));

        // Opening a Windows file turns every text to Windows, and the box with it.
        QVERIFY(page->openFile(test::fixture(QStringLiteral("config/seed-config.json"))));
        QCOMPARE(page->targetChoice()->currentText(), QStringLiteral("Windows shape"));
        QVERIFY(listTitle->text().contains(QLatin1String("layerFolders")));
        QVERIFY(rule->text().contains(QLatin1String("parentLayerPaths")));

        // A Linux file, saved and opened again, brings the Linux texts back.
        QTemporaryDir dir;
        page->newDocument(EditorPage::Target::Linux);
        QVERIFY(page->model()->insertFolders(0, {folder(24), folder(23), folder(25)}));
        const QString linuxFile = dir.filePath(QStringLiteral("linux.json"));
        QVERIFY(page->saveFile(linuxFile));
        QVERIFY(page->openFile(test::fixture(QStringLiteral("config/seed-config.json"))));
        QVERIFY(page->openFile(linuxFile));
        QCOMPARE(page->targetChoice()->currentText(), QStringLiteral("Linux shape"));
        QVERIFY(!rule->text().contains(QLatin1String("HCS")));
    }

    void linuxShape()
    {
        auto page = makePage();
        page->newDocument(EditorPage::Target::Linux);
        QCOMPARE(page->document().form(), ConfigDocument::Form::Linux);
        QVERIFY(page->model()->insertFolders(0, {folder(24), folder(23), folder(25)}));
        const QString text = page->jsonTab()->editor()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("org.strata.layer-folders")));
        QVERIFY(!text.contains(QStringLiteral("layerFolders\"")));
        auto stack = page->document().layerStack();
        QVERIFY(stack);
        QCOMPARE(stack->folders(), (QStringList{folder(24), folder(23), folder(25)}));

        // An untitled document switches shape and keeps its rows.
        QComboBox *target = page->targetChoice();
        target->setCurrentIndex(target->findData(int(EditorPage::Target::Windows)));
        QCOMPARE(page->document().form(), ConfigDocument::Form::Windows);
        QCOMPARE(page->document().layerStack()->folders(), (QStringList{folder(24), folder(23), folder(25)}));
        QVERIFY(page->document().json().at("ociVersion") == "1.1.0");
    }

    // An offline store is read on a worker; one that cannot be read leaves the rows unchecked
    // instead of checked against the store that was there before.
    void offlineStore()
    {
        STRATA_REQUIRE_CONTAINERD();
        auto page = makePage();
        QVERIFY(page->model()->hasStore());
        QSignalSpy loaded(page.get(), &EditorPage::storeLoaded);
        page->loadOfflineStore(QStringLiteral("/nonexistent/strata-root"));
        QVERIFY(loaded.isEmpty()); // asynchronous: nothing has happened yet
        QTRY_VERIFY_WITH_TIMEOUT(page->banner()->isVisible(), 10000);
        QVERIFY(!page->model()->hasStore());
        QVERIFY(page->storeLabel()->text().contains(QLatin1String("not checked")));

        page->snapshotterChoice()->setCurrentText(QStringLiteral("overlayfs"));
        page->loadOfflineStore(test::env("STRATA_TEST_ROOT"));
        QVERIFY(loaded.wait(20000));
        QVERIFY(page->model()->hasStore());
        QVERIFY(loaded.constLast().constFirst().toInt() > 0);
        QVERIFY2(page->storeLabel()->text().contains(QLatin1String("offline")), qPrintable(page->storeLabel()->text()));
    }

    // The live store through a Session (worker threads), a scratch prepared with ctr.
    void liveStore()
    {
        STRATA_REQUIRE_CONTAINERD();
        const test::ScratchFixture scratch(QStringLiteral("strata-editor-gui"));
        QVERIFY2(scratch.ok(), qPrintable(scratch.error()));
        const QString key = scratch.key();

        Session session;
        EditorPage page(&session);
        QSignalSpy loaded(&page, &EditorPage::storeLoaded);
        session.connectTo(test::address(), test::testNamespace());
        QVERIFY(loaded.wait(20000));
        QVERIFY(page.storeLabel()->text().contains(QStringLiteral("live, overlayfs")));
        QVERIFY(page.model()->store().find(key));

        QComboBox *choice = page.rulePanel()->scratchChoice();
        choice->setCurrentIndex(choice->findData(key));
        QVERIFY(choice->currentIndex() >= 0);
        QTest::mouseClick(page.rulePanel()->fillButton(), Qt::LeftButton);
        QCOMPARE(page.model()->rowCount(), 4);
        QVERIFY(page.model()->isValid());
        QCOMPARE(page.model()->index(0).data(LayerFoldersModel::KeyRole).toString(), scratch.top());
        QCOMPARE(page.model()->scratchKey(), key);

        // A scratch prepared elsewhere is there without a refresh, and gone once removed.
        const QString other = key + QStringLiteral("-other");
        QCOMPARE(test::ctr({QStringLiteral("snapshots"), QStringLiteral("prepare"), other, scratch.top()}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(choice->findData(other) >= 0, 10000);
        QCOMPARE(test::ctr({QStringLiteral("snapshots"), QStringLiteral("rm"), other}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(choice->findData(other) < 0, 10000);
        // Reading the folders makes and removes temporary views: that is no reason to read again.
        loaded.clear();
        QTest::qWait(1500);
        QVERIFY2(loaded.size() <= 1, qPrintable(QString::number(loaded.size())));
    }

    // Open… over unsaved changes asks first, and Enter keeps them.
    void discardingChangesIsNotTheDefault()
    {
        auto page = makePage();
        QVERIFY(page->model()->insertFolders(0, {folder(24), folder(23), folder(25)}));
        QVERIFY(page->isModified());
        QMessageBox::StandardButton chosen = QMessageBox::NoButton;
        QTimer::singleShot(0, page.get(), [&] {
            QMessageBox *box = nullptr;
            if (!QTest::qWaitFor([&] { return (box = page->findChild<QMessageBox *>(QStringLiteral("editorDiscardConfirm"))); }, 5000))
                return;
            chosen = box->standardButton(box->defaultButton());
            QTest::keyClick(box, Qt::Key_Return);
        });
        page->open();
        QCOMPARE(chosen, QMessageBox::No);
        QVERIFY(page->isModified());
        QCOMPARE(page->model()->folders().size(), 3);
    }

private:
    static QStringList rules(const LayerFoldersModel *model)
    {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r).data(LayerFoldersModel::RulesRole).toStringList();
        return out;
    }

};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
