#include "testenv.h"

#include "images/imageoperations.h"
#include "messagebanner.h"

#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QVBoxLayout>

using namespace strata;
using strata::test::ctr;

namespace {

const QString kOne = QStringLiteral("strata.test/one:latest");

} // namespace

// Tag…, Remove…, Import… (and a drop) and Export… as a user drives them: the dialogs answered,
// the work done by the real containerd in a namespace of this suite's own, the outcome in the
// banner.
class TestImageOperations : public QObject
{
    Q_OBJECT

    QString m_ns = QStringLiteral("tst-imageops-%1").arg(QCoreApplication::applicationPid());
    QTemporaryDir m_dir;
    QString m_current;

    QStringList imageNames() const { return test::imageNames(m_ns); }

    // The question on screen, answered with the button that says `answer`.
    static bool answer(QWidget *page, const QString &answer)
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor([&] { return (box = page->findChild<QMessageBox *>(QStringLiteral("confirmImageOperation"))); }, 5000))
            return false;
        const QPointer<QMessageBox> asked(box);
        for (QAbstractButton *b : box->buttons()) {
            if (b->text() == answer) {
                b->click();
                // Gone once closed, so that a next question is not mistaken for this one.
                return QTest::qWaitFor([&] { return !asked; }, 5000);
            }
        }
        return false;
    }

    struct Fixture
    {
        Session session;
        QWidget page;
        MessageBanner *banner = new MessageBanner(&page);
        ImageOperations *ops;

        explicit Fixture(QString *current)
            : ops(new ImageOperations(&session, &page, banner, [current] { return *current; }))
        {
            // The banner says nothing while hidden; drops go to shown widgets only.
            (new QVBoxLayout(&page))->addWidget(banner);
            page.show();
        }
    };

    bool connect(Fixture &f) const
    {
        f.session.connectTo(test::address(), m_ns);
        return QTest::qWaitFor([&] { return f.session.state() == Session::State::Connected; }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QVERIFY(m_dir.isValid());
        auto exported = ctr({QStringLiteral("images"), QStringLiteral("export"), m_dir.filePath(QStringLiteral("one.tar")), kOne});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
    }

    void cleanupTestCase()
    {
        ctr({QStringLiteral("containers"), QStringLiteral("rm"), QStringLiteral("tst-imageops-user")}, m_ns);
        for (const QString &name : imageNames())
            ctr({QStringLiteral("images"), QStringLiteral("rm"), QStringLiteral("--sync"), name}, m_ns);
        ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), m_ns});
    }

    void importByDropTagRemoveAndExport()
    {
        Fixture f(&m_current);
        QVERIFY(connect(f));
        QSignalSpy finished(f.ops, &ImageOperations::finished);

        // A file dropped on the page is imported, with a progress dialog while it runs.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("one.tar")))});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&f.page, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&f.page, &drop);
        QVERIFY(drop.isAccepted());
        QVERIFY(f.page.findChild<QProgressDialog *>(QStringLiteral("imageProgress")));
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(f.banner->text()));
        QCOMPARE(f.banner->text(), QStringLiteral("Imported %1 from one.tar.").arg(kOne));
        QCOMPARE(imageNames(), QStringList{kOne});

        // Tag…: the name asked for, then an existing one replaced only when the user says so.
        m_current = kOne;
        f.ops->tagAction()->trigger();
        auto *input = f.page.findChild<QInputDialog *>(QStringLiteral("tagDialog"));
        QVERIFY(input);
        QCOMPARE(input->textValue(), kOne);
        input->setTextValue(QStringLiteral("strata.test/again:v1"));
        input->accept();
        QVERIFY(finished.wait(20000));
        QCOMPARE(imageNames(), (QStringList{QStringLiteral("strata.test/again:v1"), kOne}));
        f.ops->tag(kOne, QStringLiteral("strata.test/again:v1"));
        QVERIFY(answer(&f.page, QStringLiteral("Replace")));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.last().at(1).toBool());

        // Remove…: asked first; a container of the image asks again, and Cancel keeps it.
        auto created = ctr({QStringLiteral("containers"), QStringLiteral("create"), QStringLiteral("strata.test/again:v1"),
                            QStringLiteral("tst-imageops-user")},
                           m_ns);
        QVERIFY2(created.exitCode == 0, created.err.constData());
        m_current = QStringLiteral("strata.test/again:v1");
        f.ops->removeAction()->trigger();
        QVERIFY(answer(&f.page, QStringLiteral("Remove")));
        QVERIFY(QTest::qWaitFor([&] { return f.page.findChild<QMessageBox *>(QStringLiteral("confirmImageOperation")); }, 20000));
        QVERIFY(f.page.findChild<QMessageBox *>()->text().contains(QLatin1String("tst-imageops-user")));
        QVERIFY(answer(&f.page, QStringLiteral("Cancel")));
        QCOMPARE(imageNames(), (QStringList{QStringLiteral("strata.test/again:v1"), kOne}));
        f.ops->removeAction()->trigger();
        QVERIFY(answer(&f.page, QStringLiteral("Remove")));
        QVERIFY(answer(&f.page, QStringLiteral("Remove anyway")));
        QVERIFY(finished.wait(20000));
        QCOMPARE(f.banner->text(), QStringLiteral("strata.test/again:v1 is removed."));
        QCOMPARE(imageNames(), QStringList{kOne});

        // Export… writes an archive ctr reads.
        const QString file = m_dir.filePath(QStringLiteral("exported.tar"));
        f.ops->exportImages(file, {kOne});
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(f.banner->text()));
        auto byCtr = ctr({QStringLiteral("images"), QStringLiteral("import"), QStringLiteral("--no-unpack"), file},
                         m_ns + QStringLiteral("-back"));
        QVERIFY2(byCtr.exitCode == 0, byCtr.err.constData());
        ctr({QStringLiteral("images"), QStringLiteral("rm"), QStringLiteral("--sync"), kOne}, m_ns + QStringLiteral("-back"));
        ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), m_ns + QStringLiteral("-back")});
    }

    void cancelledImportRecordsNothingAndABadFileSaysWhy()
    {
        Fixture f(&m_current);
        const QString ns = m_ns + QStringLiteral("-cancel");
        f.session.connectTo(test::address(), ns);
        QVERIFY(QTest::qWaitFor([&] { return f.session.state() == Session::State::Connected; }, 20000));
        QSignalSpy finished(f.ops, &ImageOperations::finished);
        // Cancel pressed at once: the import stops before it records anything.
        f.ops->importFile(m_dir.filePath(QStringLiteral("one.tar")));
        auto *progress = f.page.findChild<QProgressDialog *>(QStringLiteral("imageProgress"));
        QVERIFY(progress);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(1).toBool());
        QVERIFY2(f.banner->text().contains(QLatin1String("cancelled")), qPrintable(f.banner->text()));
        QVERIFY(ctr({QStringLiteral("images"), QStringLiteral("ls"), QStringLiteral("-q")}, ns).out.isEmpty());
        ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), ns});

        const QString bad = m_dir.filePath(QStringLiteral("bad.tar"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        f.ops->importFile(bad);
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(1).toBool());
        QVERIFY2(f.banner->text().startsWith(QLatin1String("Could not import bad.tar: ")) && f.banner->text().contains(QLatin1String("not a whole image archive")),
                 qPrintable(f.banner->text()));
        QVERIFY(!f.page.findChild<QProgressDialog *>(QStringLiteral("imageProgress")) || !f.page.findChild<QProgressDialog *>()->isVisible());
    }
};

QTEST_MAIN(TestImageOperations)
#include "tst_imageoperations.moc"
