#include "tagcommand.h"

#include "context.h"

#include "images/imagetagger.h"

#include <QJsonObject>

namespace strata::ctl {

void TagCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("force"), QStringLiteral("point DST at SRC's target even when DST exists")});
}

int TagCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return context.usage(QStringLiteral("tag takes a source image and a new name: tag SRC DST"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto tagged = ImageTagger(*client).tag(args[0], args[1], parser.isSet(QStringLiteral("force")));
    if (!tagged)
        return context.fail(tagged.error());
    if (context.json())
        context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("name"), tagged->name},
                                                    {QStringLiteral("digest"), tagged->digest},
                                                    {QStringLiteral("mediaType"), tagged->mediaType}}));
    else
        context.out() << tagged->name << '\n';
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
