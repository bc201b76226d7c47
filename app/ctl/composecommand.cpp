#include "composecommand.h"

#include "context.h"
#include "foldersource.h"

#include "layers/layervalidator.h"
#include "oci/runtimespec.h"
#include "run/runimage.h"

#include <QDir>

namespace strata::ctl {

void ComposeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("scratch"), QStringLiteral("the Active snapshot the container writes to"), QStringLiteral("key")});
    parser.addOption({QStringLiteral("os"), QStringLiteral("windows (layerFolders) or linux (ctr's default spec)"), QStringLiteral("os")});
    parser.addOption({QStringLiteral("image"), QStringLiteral("linux: take the process (args, env, cwd, user) from this image's config"),
                      QStringLiteral("ref")});
    parser.addOption({QStringLiteral("id"), QStringLiteral("linux: container id for cgroupsPath (default: the scratch key)"),
                      QStringLiteral("id")});
    parser.addOption({QStringLiteral("output"), QStringLiteral("write the config here (atomically) instead of printing it"),
                      QStringLiteral("path")});
    parser.addPositionalArgument(QStringLiteral("ARGS"), QStringLiteral("the process arguments, after --"), QStringLiteral("[-- ARGS...]"));
    FolderSource::addOptions(parser);
}

int ComposeCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QString scratch = parser.value(QStringLiteral("scratch"));
    const QString os = parser.value(QStringLiteral("os"));
    if (scratch.isEmpty())
        return context.usage(QStringLiteral("compose needs --scratch KEY"));
    if (os != QLatin1String("windows") && os != QLatin1String("linux"))
        return context.usage(QStringLiteral("compose needs --os windows or --os linux"));
    const QStringList args = parser.positionalArguments();
    if (os == QLatin1String("windows") && parser.isSet(QStringLiteral("image")))
        return context.usage(QStringLiteral("--image is for --os linux; give the Windows process as -- ARGS"));
    if (os == QLatin1String("linux") && args.isEmpty() && !parser.isSet(QStringLiteral("image")))
        return context.usage(QStringLiteral("compose --os linux needs -- ARGS or --image REF to know what to run"));

    auto store = FolderSource::load(context, parser);
    if (!store)
        return context.fail(store.error());
    auto folders = LayerValidator(*store).fixedOrder(scratch);
    if (!folders)
        return context.fail(folders.error());
    const LayerStack stack = LayerStack::fromFolders(*folders);

    ConfigDocument doc;
    if (os == QLatin1String("windows")) {
        doc = RuntimeSpec::forWindows(stack, args.isEmpty() ? QStringList{QStringLiteral("cmd")} : args);
    } else {
        RuntimeSpec::LinuxRequest request;
        request.containerId = parser.isSet(QStringLiteral("id")) ? parser.value(QStringLiteral("id")) : scratch;
        request.containerdNamespace = context.ns();
        request.layers = stack;
        request.args = args;
        if (parser.isSet(QStringLiteral("image"))) {
            auto client = context.client();
            if (!client)
                return context.fail(client.error());
            auto image = RunImage::resolve(*client, parser.value(QStringLiteral("image")));
            if (!image)
                return context.fail(image.error());
            request.image = image->config;
        }
        auto spec = RuntimeSpec::forLinux(request);
        if (!spec)
            return context.fail(spec.error());
        doc = *spec;
    }

    if (parser.isSet(QStringLiteral("output"))) {
        const QString path = parser.value(QStringLiteral("output"));
        if (const Status saved = doc.save(path); !saved)
            return context.fail(saved.error());
        context.out() << "wrote " << QDir::toNativeSeparators(path) << Qt::endl;
        return Context::Ok;
    }
    context.out() << QString::fromUtf8(doc.toJson());
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
