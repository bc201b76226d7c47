#include "unpackcommand.h"

#include "context.h"
#include "interruptflag.h"

#include "images/imageunpacker.h"
#include "oci/imageresolver.h"
#include "snapshots/folderlookup.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>


namespace strata::ctl {

int UnpackCommand::run(Context &context, const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return context.usage(QStringLiteral("unpack takes one image REF"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto image = ImageResolver(*client).resolve(parser.positionalArguments().constFirst());
    if (!image)
        return context.fail(image.error());

    const InterruptFlag cancel;
    const int count = int(image->layers.size());
    auto progress = [&context, count](const ImageLayer &layer, bool done) {
        if (context.json() || done)
            return;
        context.out() << QStringLiteral("layer %1/%2 %3: unpacking…\n").arg(layer.position + 1).arg(count).arg(layer.chainId);
        context.out().flush();
    };
    auto layers = ImageUnpacker(*client, context.snapshotter()).unpack(*image, cancel.get(), progress);
    if (!layers)
        return context.fail(layers.error());

    // The folder each layer landed in, when this host's metadata.db says so at once.
    QHash<QString, SnapshotFolder> folders;
    if (auto local = FolderLookup::localDatabase(*client, context.snapshotter())) {
        for (const auto &f : local->folders)
            folders.insert(f.key, f);
    }
    QJsonArray rows;
    for (const auto &l : *layers) {
        const SnapshotFolder folder = folders.value(l.layer.chainId);
        rows << QJsonObject{{QStringLiteral("digest"), l.layer.digest},
                            {QStringLiteral("diffId"), l.layer.diffId},
                            {QStringLiteral("chainId"), l.layer.chainId},
                            {QStringLiteral("alreadyPresent"), l.alreadyPresent},
                            {QStringLiteral("id"), folder.id},
                            {QStringLiteral("path"), folder.path}};
        if (!context.json())
            context.out() << QStringLiteral("layer %1/%2 %3: %4%5\n")
                                 .arg(l.layer.position + 1)
                                 .arg(count)
                                 .arg(l.layer.chainId, l.alreadyPresent ? QStringLiteral("already present")
                                                                        : QStringLiteral("unpacked"),
                                      folder.id.isEmpty() ? QString() : QStringLiteral(" (folder %1)").arg(folder.id));
    }
    if (context.json())
        context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("name"), image->name},
                                                    {QStringLiteral("snapshotter"), context.snapshotter()},
                                                    {QStringLiteral("layers"), rows}}));
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
