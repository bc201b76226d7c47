#include "mainwindow.h"

#include "client/address.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Strata"));
    QApplication::setOrganizationName(QStringLiteral("Strata"));
    QApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A desktop workbench for containerd"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("address"), QStringLiteral("containerd address"), QStringLiteral("address")});
    parser.addOption({QStringLiteral("namespace"), QStringLiteral("containerd namespace"), QStringLiteral("name")});
    parser.addOption({QStringLiteral("open"),
                      QStringLiteral("also open a containerd root, meta.db or metadata.db offline, read-only"),
                      QStringLiteral("path")});
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
