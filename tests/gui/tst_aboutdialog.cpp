#include "testenv.h"

#include "aboutdialog.h"
#include "helpdialog.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTimer>

using namespace strata;

class TestAboutDialog : public QObject
{
    Q_OBJECT

    static QString field(const QDialog &dialog, const char *name)
    {
        auto *label = dialog.findChild<QLabel *>(QString::fromLatin1(name));
        return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
    }

    static QString pkgConfigVersion(const QString &module)
    {
        const auto r = test::runProgram(QStringLiteral("pkg-config"), {QStringLiteral("--modversion"), module});
        return r.exitCode == 0 ? QString::fromUtf8(r.out).trimmed() : QString();
    }

    // "Server:\n  Version:  1.6.20~ds1" from `ctr version`.
    static QString ctrServerVersion()
    {
        const auto r = test::ctr({QStringLiteral("version")});
        const QString out = QString::fromUtf8(r.out);
        const auto m = QRegularExpression(QStringLiteral("Server:\\s*\\n\\s*Version:\\s*(\\S+)")).match(out);
        return m.hasMatch() ? m.captured(1) : QString();
    }

    static QAction *menuAction(QMainWindow &window, const QString &menu, const QString &text)
    {
        for (QAction *top : window.menuBar()->actions()) {
            if (top->text().remove(QLatin1Char('&')) != menu || !top->menu())
                continue;
            for (QAction *a : top->menu()->actions()) {
                if (a->text().remove(QLatin1Char('&')) == text)
                    return a;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        STRATA_REQUIRE_CONTAINERD();
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    }

    void versionsOfTheConnectedServer()
    {
        Session session;
        session.connectTo(test::address(), test::testNamespace());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Connected, 10000);

        AboutDialog dialog(session);
        QCOMPARE(field(dialog, "strataVersion"), QStringLiteral(STRATA_VERSION));
        QVERIFY(field(dialog, "qtVersion").startsWith(QString::fromLatin1(qVersion())));
        // The libraries the build really linked, as the system's pkg-config knows them.
        const QString grpc = pkgConfigVersion(QStringLiteral("grpc++"));
        const QString protobuf = pkgConfigVersion(QStringLiteral("protobuf"));
        QVERIFY2(!grpc.isEmpty() && !protobuf.isEmpty(), "pkg-config knows no grpc++ or protobuf");
        QCOMPARE(field(dialog, "grpcVersion"), grpc);
        QCOMPARE(field(dialog, "protobufVersion"), protobuf);

        const QString server = ctrServerVersion();
        QVERIFY2(!server.isEmpty(), "ctr version printed no server version");
        const QString containerd = field(dialog, "containerdVersion");
        QVERIFY2(containerd.startsWith(server + QLatin1Char(' ')), qPrintable(containerd));
        QVERIFY(containerd.contains(session.serverVersion().revision));
        QVERIFY(containerd.contains(test::address()));
    }

    void notConnectedSaysSo()
    {
        Session session;
        session.connectTo(QStringLiteral("unix:///nonexistent/strata-about.sock"), QStringLiteral("default"));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Unreachable, 10000);
        AboutDialog dialog(session);
        QCOMPARE(field(dialog, "containerdVersion"), QStringLiteral("not connected"));
        QCOMPARE(field(dialog, "strataVersion"), QStringLiteral(STRATA_VERSION));
    }

    void helpMenuOpensAboutAndLayerOrdering()
    {
        MainWindow window;
        window.show();
        QAction *about = menuAction(window, QStringLiteral("Help"), QStringLiteral("About Strata"));
        QAction *ordering = menuAction(window, QStringLiteral("Help"), QStringLiteral("Layer ordering"));
        QVERIFY(about);
        QVERIFY(ordering);

        bool sawAbout = false;
        QTimer::singleShot(0, this, [&sawAbout] {
            auto *dialog = qobject_cast<AboutDialog *>(QApplication::activeModalWidget());
            sawAbout = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        about->trigger(); // modal: returns once the timer closed it
        QVERIFY(sawAbout);

        ordering->trigger();
        auto *help = window.findChild<HelpDialog *>();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        QCOMPARE(help->windowTitle(), QStringLiteral("Layer ordering"));
    }

    // The page states the rule, carries both seed examples and its chain picture loads.
    void layerOrderingPage()
    {
        HelpDialog dialog(HelpDialog::layerOrderingPage());
        QTextBrowser *browser = dialog.browser();
        const QString text = browser->toPlainText();
        QVERIFY2(text.contains(QLatin1String("nearest parent first")), qPrintable(text.left(400)));
        QVERIFY(text.contains(QLatin1String("scratch last")));
        QVERIFY(text.contains(QLatin1String("upperdir")));
        QVERIFY(text.contains(QLatin1String("nanoserver:ltsc2022")));
        QVERIFY(text.contains(QLatin1String("snapshots\\20")));
        QVERIFY(text.contains(QLatin1String("snapshots\\21")));
        QVERIFY(text.contains(QLatin1String("servercore:ltsc2022")));
        QVERIFY(text.contains(QLatin1String("24, 23, 25")));

        const QVariant picture = browser->loadResource(QTextDocument::ImageResource, QUrl(QStringLiteral("layer-chain.png")));
        QImage image;
        image.loadFromData(picture.toByteArray());
        QVERIFY2(!image.isNull(), "layer-chain.png did not load from the resources");
        QCOMPARE(image.width(), 720);
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
