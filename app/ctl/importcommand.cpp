#include "importcommand.h"

#include "context.h"
#include "interruptflag.h"

#include "archive/imageimporter.h"

#include <QJsonArray>
#include <QJsonObject>


namespace strata::ctl {

void ImportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("base-name"),
         QStringLiteral("name for images the archive names only by a tag: NAME:tag (default import-<date>)"),
         QStringLiteral("name")},
        {QStringLiteral("no-unpack"), QStringLiteral("only fill the content store")},
    });
}

namespace {

QJsonObject row(const ImportedImage &image)
{
    QJsonArray layers;
    for (const auto &l : image.layers)
        layers << QJsonObject{{QStringLiteral("digest"), l.layer.digest},
                              {QStringLiteral("diffId"), l.layer.diffId},
                              {QStringLiteral("chainId"), l.layer.chainId},
                              {QStringLiteral("alreadyPresent"), l.alreadyPresent}};
    QJsonObject o{{QStringLiteral("name"), image.name},
                  {QStringLiteral("digest"), image.target.digest},
                  {QStringLiteral("mediaType"), image.target.mediaType},
                  {QStringLiteral("unpacked"), image.unpacked},
                  {QStringLiteral("layers"), layers}};
    if (!image.notUnpacked.isEmpty())
        o.insert(QStringLiteral("notUnpacked"), image.notUnpacked);
    return o;
}

} // namespace

int ImportCommand::run(Context &context, const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return context.usage(QStringLiteral("import takes one archive FILE"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    ImportOptions options{parser.positionalArguments().constFirst(), parser.value(QStringLiteral("base-name")),
                          !parser.isSet(QStringLiteral("no-unpack")), context.snapshotter()};

    const InterruptFlag cancel;
    ImageImporter::Progress progress;
    progress.unpacking = [&context](const ImageLayer &layer, bool done) {
        if (context.json() || done)
            return;
        context.out() << QStringLiteral("unpacking layer %1 %2…\n").arg(layer.position + 1).arg(layer.chainId);
        context.out().flush();
    };
    auto imported = ImageImporter(*client, options).import(cancel.get(), progress);
    if (!imported)
        return context.fail(imported.error());
    QJsonArray rows;
    for (const ImportedImage &image : *imported) {
        rows << row(image);
        if (context.json())
            continue;
        const QString state = image.unpacked ? QStringLiteral("unpacked into %1").arg(context.snapshotter())
                              : options.unpack ? QStringLiteral("not unpacked: %1").arg(image.notUnpacked)
                                               : QStringLiteral("not unpacked");
        context.out() << QStringLiteral("%1 %2 (%3)\n").arg(image.name, image.target.digest, state);
    }
    if (context.json())
        context.printJson(QJsonDocument(rows));
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
