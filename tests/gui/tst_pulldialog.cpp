#include "eventloopwatchdog.h"
#include "tcpproxy.h"
#include "testenv.h"

#include "images/imagespage.h"
#include "images/pulldialog.h"
#include "messagebanner.h"

#include "images/imagelistmodel.h"
#include "images/imagescontroller.h"
#include "oci/platform.h"
#include "pull/pullprogressmodel.h"
#include "session/session.h"

#include <QAction>
#include <QCheckBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTableView>
#include <QTest>

using namespace strata;
using strata::test::registry;
using RowState = PullProgressModel::RowState;

namespace {

// Under ASan on a busy machine; a synchronous pull step on the GUI thread takes far longer.
constexpr qint64 kMaxStallMs = 300;

quint16 portOf(const QString &hostPort) { return quint16(hostPort.section(QLatin1Char(':'), -1).toUInt()); }

QString cell(const PullProgressModel *m, int row, int column) { return m->index(row, column).data().toString(); }
QVariant role(const PullProgressModel *m, int row, int r) { return m->index(row, 0).data(r); }

int rowOfDigest(const PullProgressModel *m, const QString &digest)
{
    for (int row = 0; row < m->rowCount(); ++row) {
        if (role(m, row, PullProgressModel::DigestRole).toString() == digest)
            return row;
    }
    return -1;
}

} // namespace

// The Pull… dialog of the Images page against the private registries (registry_up) and the
// private containerd, each test pulling into a namespace of its own: the form, the rows and
// bars as the pull goes, the image arriving in the list, Cancel, and errors.
class TestPullDialog : public QObject
{
    Q_OBJECT

    int m_round = 0;
    QString m_ns;

    // The page connected to this test's (empty) namespace, its first load done.
    bool open(Session &session, ImagesPage &page)
    {
        page.resize(1000, 600);
        page.show();
        QSignalSpy loaded(page.controller(), &ImagesController::loaded);
        session.connectTo(test::address(), m_ns);
        return loaded.wait(20000);
    }

    // Pull… from the page: the dialog it opens.
    static PullDialog *openDialog(ImagesPage &page)
    {
        const QList<PullDialog *> before = page.findChildren<PullDialog *>();
        page.pullAction()->trigger();
        for (PullDialog *d : page.findChildren<PullDialog *>()) {
            if (!before.contains(d))
                return d;
        }
        return nullptr;
    }

    static void fillPlain(PullDialog *dialog, const QString &reference, const QString &platform = {})
    {
        dialog->referenceEdit()->setText(reference);
        dialog->platformEdit()->setText(platform);
        dialog->plainHttpBox()->setChecked(true);
    }

    QStringList imageRecords() const
    {
        const auto r = test::ctr({QStringLiteral("images"), QStringLiteral("ls"), QStringLiteral("-q")}, m_ns);
        return QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    // Every row of a finished successful pull is done, with a full bar.
    static void expectAllDone(const PullProgressModel *m)
    {
        QVERIFY(m->rowCount() > 0);
        for (int row = 0; row < m->rowCount(); ++row) {
            const QString what = cell(m, row, PullProgressModel::What) + QLatin1Char(' ') + cell(m, row, PullProgressModel::Stage);
            QVERIFY2(role(m, row, PullProgressModel::StateRole).toInt() == int(RowState::Done), qPrintable(what));
            QCOMPARE(role(m, row, PullProgressModel::PercentRole).toInt(), 100);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_REGISTRY();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_pulldialog"));
        QSettings().remove(QStringLiteral("pull/recent"));
    }

    void init()
    {
        m_ns = QStringLiteral("tst-pulldialog-%1-%2").arg(QCoreApplication::applicationPid()).arg(++m_round);
    }

    // Images and leases go; containerd's collector then takes the content and snapshots.
    void cleanup()
    {
        for (const QString &name : imageRecords())
            test::ctr({QStringLiteral("images"), QStringLiteral("rm"), QStringLiteral("--sync"), name}, m_ns);
        const auto leases = test::ctr({QStringLiteral("leases"), QStringLiteral("ls"), QStringLiteral("-q")}, m_ns);
        for (const QString &lease : QString::fromUtf8(leases.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            test::ctr({QStringLiteral("leases"), QStringLiteral("rm"), QStringLiteral("--sync"), lease}, m_ns);
        test::ctr({QStringLiteral("namespaces"), QStringLiteral("rm"), m_ns});
    }

    // Two dialogs at once (one and three share no blob), then from the second dialog again
    // multi's index for another platform, whose manifest is three's: all there already.
    void pullsThroughTheDialogsIntoTheList()
    {
        QSettings().setValue(QStringLiteral("pull/recent"), QStringList{QStringLiteral("example.test/recent:1")});
        Session session;
        ImagesPage page(&session);
        QVERIFY(open(session, page));
        QVERIFY(!page.view()->currentIndex().isValid());
        QVERIFY2(page.pullAction()->isEnabled(), "Pull needs no selected image");

        PullDialog *first = openDialog(page);
        QVERIFY(first);
        QVERIFY(first->isVisible());
        QVERIFY(!first->isModal());
        auto *completions = qobject_cast<QStringListModel *>(first->referenceEdit()->completer()->model());
        QVERIFY(completions);
        QVERIFY(completions->stringList().contains(QStringLiteral("example.test/recent:1")));
        QCOMPARE(first->passwordEdit()->echoMode(), QLineEdit::Password);
        QVERIFY(first->pullButton()->isEnabled());
        QVERIFY(!first->cancelButton()->isEnabled());
        // Ctrl+P from the list opens another.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.view()->setFocus();
        QTest::keyClick(page.view(), Qt::Key_P, Qt::ControlModifier);
        QTRY_COMPARE(page.findChildren<PullDialog *>().size(), 2);
        PullDialog *second = page.findChildren<PullDialog *>().constLast();
        QVERIFY(second && second != first);

        const QString three = registry("PLAIN") + QStringLiteral("/strata/three:latest");
        const QString one = registry("PLAIN") + QStringLiteral("/strata/one:latest");
        const QString multi = registry("PLAIN") + QStringLiteral("/strata/multi:latest");
        fillPlain(first, three);
        fillPlain(second, one);
        QSignalSpy firstDone(first, &PullDialog::pullFinished);
        QSignalSpy secondDone(second, &PullDialog::pullFinished);
        test::EventLoopWatchdog dog;
        dog.start();
        QTest::mouseClick(first->pullButton(), Qt::LeftButton);
        QTest::mouseClick(second->pullButton(), Qt::LeftButton);
        QVERIFY(first->job() && first->job()->isRunning());
        QVERIFY(second->job() && second->job()->isRunning());
        QVERIFY(!first->referenceEdit()->isEnabled());
        QVERIFY(first->cancelButton()->isEnabled());
        QVERIFY(firstDone.count() == 1 || firstDone.wait(60000));
        QVERIFY(secondDone.count() == 1 || secondDone.wait(60000));
        QVERIFY2(dog.longestStallMs() < kMaxStallMs, qPrintable(dog.report()));
        QVERIFY2(first->job()->state() == PullJob::State::Succeeded, qPrintable(first->banner()->text()));
        QVERIFY2(second->job()->state() == PullJob::State::Succeeded, qPrintable(second->banner()->text()));

        // The reference resolved, the manifest, and three layers each downloaded and unpacked.
        const PullProgressModel *m = first->progressModel();
        expectAllDone(m);
        QCOMPARE(cell(m, 0, PullProgressModel::What), QStringLiteral("image"));
        QCOMPARE(cell(m, 0, PullProgressModel::Stage), QStringLiteral("resolved"));
        QStringList layers;
        for (int row = 0; row < m->rowCount(); ++row) {
            if (role(m, row, PullProgressModel::KindRole).toString() == QLatin1String("layer")) {
                layers << cell(m, row, PullProgressModel::What);
                QCOMPARE(cell(m, row, PullProgressModel::Stage), QStringLiteral("unpacked"));
            }
        }
        QCOMPARE(layers, (QStringList{QStringLiteral("layer 1"), QStringLiteral("layer 2"), QStringLiteral("layer 3")}));
        QVERIFY(rowOfDigest(m, first->job()->image().digest) > 0);
        QVERIFY2(first->banner()->text().startsWith(QLatin1String("Done: pulled ") + three), qPrintable(first->banner()->text()));
        QVERIFY(first->summaryLabel()->text().startsWith(QStringLiteral("%1 of %1 done").arg(m->rowCount())));
        QVERIFY(first->referenceEdit()->isEnabled());
        QVERIFY(!first->cancelButton()->isEnabled());

        expectAllDone(second->progressModel());
        QVERIFY2(second->banner()->text().startsWith(QLatin1String("Done: pulled ") + one), qPrintable(second->banner()->text()));

        // The index was chosen from: the other platform's manifest, with three's layers.
        fillPlain(second, multi, registry("OTHER_PLATFORM"));
        QTest::mouseClick(second->pullButton(), Qt::LeftButton);
        QVERIFY(secondDone.wait(60000));
        QVERIFY2(second->job()->state() == PullJob::State::Succeeded, qPrintable(second->banner()->text()));
        const PullProgressModel *n = second->progressModel();
        expectAllDone(n);
        for (int row = 0; row < n->rowCount(); ++row) {
            if (role(n, row, PullProgressModel::KindRole).toString() == QLatin1String("layer"))
                QCOMPARE(cell(n, row, PullProgressModel::Stage), QStringLiteral("already present"));
        }
        QVERIFY(rowOfDigest(n, second->job()->image().digest) > 0);
        QCOMPARE(role(n, rowOfDigest(n, second->job()->image().digest), PullProgressModel::KindRole).toString(), QStringLiteral("index"));
        const auto other = Platform::parse(registry("OTHER_PLATFORM"));
        QVERIFY(other);
        QCOMPARE(second->job()->image().platform, other->normalized().toString());
        QVERIFY2(second->banner()->text().contains(other->normalized().toString()), qPrintable(second->banner()->text()));

        // Image events bring all three into the list; the recent pulls remember them.
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(three) >= 0 && page.model()->rowOf(one) >= 0
                                     && page.model()->rowOf(multi) >= 0, 10000);
        QCOMPARE(page.model()->images().at(page.model()->rowOf(three)).layers, 3);
        QCOMPARE(imageRecords().size(), 3);
        const QStringList recent = PullDialog::recentPulls();
        QCOMPARE(recent.mid(0, 1), QStringList{multi});
        QVERIFY(recent.contains(three) && recent.contains(one));
        QCOMPARE(recent.last(), QStringLiteral("example.test/recent:1"));
    }

    void cancelMidPullRecordsNoImage()
    {
        // About 400 KB/s: fresh's new 1 MiB layer streams for seconds (its others are in the store).
        test::TcpProxy proxy(portOf(registry("PLAIN")), {.bytesPerTick = 4096});
        QVERIFY(proxy.port());
        Session session;
        ImagesPage page(&session);
        QVERIFY(open(session, page));
        PullDialog *dialog = openDialog(page);
        QVERIFY(dialog);
        const QString fresh = proxy.host() + QStringLiteral("/strata/fresh:latest");
        fillPlain(dialog, fresh);
        QSignalSpy done(dialog, &PullDialog::pullFinished);
        test::EventLoopWatchdog dog;
        dog.start();
        QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);

        // The fresh layer's bar moves, with a rate and the time left.
        const PullProgressModel *m = dialog->progressModel();
        const QString layer = registry("FRESH_LAYER");
        const auto moving = [&] {
            const int r = rowOfDigest(m, layer);
            return r >= 0 && role(m, r, PullProgressModel::BytesDoneRole).toLongLong() > 0
                && !cell(m, r, PullProgressModel::Rate).isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(moving(), 20000);
        const int row = rowOfDigest(m, layer);
        QCOMPARE(role(m, row, PullProgressModel::StageRole).toInt(), int(PullEvent::Stage::Downloading));
        const int percent = role(m, row, PullProgressModel::PercentRole).toInt();
        QVERIFY2(percent >= 0 && percent < 100, qPrintable(QString::number(percent)));
        QVERIFY(!cell(m, row, PullProgressModel::Rate).isEmpty());
        QVERIFY(!cell(m, row, PullProgressModel::TimeLeft).isEmpty());
        QVERIFY(dialog->summaryLabel()->text().contains(QLatin1String("/s")));

        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QVERIFY(!dialog->cancelButton()->isEnabled());
        QVERIFY(done.count() == 1 || done.wait(30000));
        QVERIFY2(dog.longestStallMs() < kMaxStallMs, qPrintable(dog.report()));
        QCOMPARE(dialog->job()->state(), PullJob::State::Cancelled);
        QCOMPARE(role(m, row, PullProgressModel::StateRole).toInt(), int(RowState::Cancelled));
        QCOMPARE(cell(m, row, PullProgressModel::Stage), QStringLiteral("cancelled"));
        QVERIFY(cell(m, row, PullProgressModel::TimeLeft).isEmpty());
        QVERIFY2(dialog->banner()->text().contains(QLatin1String("cancelled: no image was recorded")),
                 qPrintable(dialog->banner()->text()));
        QVERIFY(dialog->pullButton()->isEnabled());

        QCOMPARE(imageRecords(), QStringList());
        QTest::qWait(500); // an image event, were there one, would have arrived by now
        QCOMPARE(page.model()->rowOf(fresh), -1);
        QVERIFY(!PullDialog::recentPulls().contains(fresh));
    }

    void errorsSayWhyAndKeepThePasswordOut()
    {
        Session session;
        ImagesPage page(&session);
        QVERIFY(open(session, page));
        PullDialog *dialog = openDialog(page);
        QVERIFY(dialog);
        QSignalSpy done(dialog, &PullDialog::pullFinished);

        // What the form gets wrong is said before anything starts.
        QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
        QVERIFY(!dialog->job());
        QVERIFY2(dialog->banner()->text().startsWith(QLatin1String("Name the image to pull")), qPrintable(dialog->banner()->text()));
        dialog->referenceEdit()->setText(registry("SECURE") + QStringLiteral("/strata/one:latest"));
        dialog->platformEdit()->setText(QStringLiteral("linux/amd64/v1/extra"));
        QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
        QVERIFY(!dialog->job());
        QVERIFY2(dialog->banner()->text().startsWith(QLatin1String("Platform: ")), qPrintable(dialog->banner()->text()));

        // The registry refuses a wrong password: its answer, never the password.
        const QString password = QStringLiteral("not-the-password-4711");
        dialog->platformEdit()->clear();
        dialog->caFileEdit()->setText(registry("CA"));
        dialog->userEdit()->setText(registry("USER"));
        dialog->passwordEdit()->setText(password);
        QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        QCOMPARE(dialog->job()->state(), PullJob::State::Failed);
        const QString text = dialog->banner()->text();
        QVERIFY2(text.startsWith(QLatin1String("Could not pull ") + registry("SECURE")), qPrintable(text));
        QVERIFY2(!text.contains(password), qPrintable(text));
        for (int row = 0; row < dialog->progressModel()->rowCount(); ++row)
            QVERIFY(role(dialog->progressModel(), row, PullProgressModel::StateRole).toInt() != int(RowState::Active));
        QCOMPARE(imageRecords(), QStringList());
        QVERIFY(dialog->pullButton()->isEnabled());

        // Closing the dialog takes it, and its finished pull, away.
        QPointer<PullDialog> gone(dialog);
        dialog->close();
        QTRY_VERIFY(gone.isNull());
    }
};

QTEST_MAIN(TestPullDialog)
#include "tst_pulldialog.moc"
