#include "layerscommand.h"

#include "context.h"
#include "foldersource.h"

#include "layers/layervalidator.h"

#include <QJsonArray>

namespace strata::ctl {

void LayersCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("scratch"), QStringLiteral("the Active snapshot the container writes to"), QStringLiteral("key")});
    FolderSource::addOptions(parser);
}

int LayersCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QString scratch = parser.value(QStringLiteral("scratch"));
    if (scratch.isEmpty())
        return context.usage(QStringLiteral("layers needs --scratch KEY"));
    if (!parser.positionalArguments().isEmpty())
        return context.usage(QStringLiteral("layers takes no arguments"));
    auto store = FolderSource::load(context, parser);
    if (!store)
        return context.fail(store.error());
    auto folders = LayerValidator(*store).fixedOrder(scratch);
    if (!folders)
        return context.fail(folders.error());
    if (context.json()) {
        context.printJson(QJsonDocument(QJsonArray::fromStringList(*folders)));
        return Context::Ok;
    }
    for (const QString &folder : *folders)
        context.out() << folder << Qt::endl;
    return Context::Ok;
}

} // namespace strata::ctl
