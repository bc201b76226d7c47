#include "mainwindow.h"

#include "client/address.h"

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QSettings>

namespace {

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Strata"));
    QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("A desktop workbench for containerd"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("address"), QStringLiteral("containerd address"), QStringLiteral("address")});
    parser.addOption({QStringLiteral("namespace"), QStringLiteral("containerd namespace"), QStringLiteral("name")});
    parser.addOption({QStringLiteral("open"),
                      QStringLiteral("also open a containerd root, meta.db or metadata.db offline, read-only"),
                      QStringLiteral("path")});
}

// --help and --version are answered before QApplication exists, which needs a display: they
// must work over ssh and in scripts. Anything the parser does not know may be one of Qt's own
// options (-platform, -style), so those lines go on to QApplication as before.
void answerTextOptions(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(args) || !(parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))))
        return;
    QCoreApplication app(argc, argv);
    nameApplication();
    parser.process(app); // prints and exits
}

} // namespace

int main(int argc, char **argv)
{
    answerTextOptions(argc, argv);
    QApplication app(argc, argv);
    nameApplication();

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    QSettings settings;
    const QStringList recent = settings.value(QStringLiteral("connection/recent")).toStringList();
    const QString address = parser.isSet(QStringLiteral("address")) ? parser.value(QStringLiteral("address"))
        : recent.isEmpty()                                           ? strata::Address::defaultAddress()
                                                                     : recent.constFirst();
    const QString ns = parser.isSet(QStringLiteral("namespace"))
        ? parser.value(QStringLiteral("namespace"))
        : settings.value(QStringLiteral("connection/namespace"), QStringLiteral("default")).toString();

    strata::MainWindow window;
    window.show();
    window.connectTo(address, ns);
    if (parser.isSet(QStringLiteral("open")))
        window.openOffline(parser.value(QStringLiteral("open")));
    return app.exec();
}
