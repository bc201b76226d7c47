#include "versioncommand.h"

#include "context.h"

#include "client/versionservice.h"

#include <QJsonObject>

namespace strata::ctl {

int VersionCommand::run(Context &context, const QCommandLineParser &)
{
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto server = VersionService(*client).version();
    if (!server)
        return context.fail(server.error());
    if (context.json()) {
        context.printJson(QJsonDocument(QJsonObject{
            {QStringLiteral("client"), QJsonObject{{QStringLiteral("version"), QStringLiteral(STRATA_VERSION)}}},
            {QStringLiteral("server"), QJsonObject{{QStringLiteral("version"), server->version},
                                                   {QStringLiteral("revision"), server->revision}}},
        }));
        return Context::Ok;
    }
    context.out() << "Client:\n  Strata  " << STRATA_VERSION << "\n\nServer:\n  Version:   " << server->version
                  << "\n  Revision:  " << server->revision << Qt::endl;
    return Context::Ok;
}

} // namespace strata::ctl
