#include "rmicommand.h"

#include "context.h"

#include "images/imageremover.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

void RmiCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("force"), QStringLiteral("remove even an image a container is made from")});
}

int RmiCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList names = parser.positionalArguments();
    if (names.isEmpty())
        return context.usage(QStringLiteral("rmi takes one or more image names"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    if (auto removed = ImageRemover(*client).remove(names, parser.isSet(QStringLiteral("force"))); !removed)
        return context.fail(removed.error());
    if (context.json())
        context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("removed"), QJsonArray::fromStringList(names)}}));
    else
        for (const QString &name : names)
            context.out() << name << '\n';
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
