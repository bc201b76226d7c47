#include "imagescommand.h"

#include "context.h"
#include "texttable.h"

#include "client/imagesservice.h"
#include "core/datasize.h"
#include "images/imagesummary.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

int ImagesCommand::run(Context &context, const QCommandLineParser &)
{
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto images = ImagesService(*client).list();
    if (!images)
        return context.fail(images.error());
    if (auto known = images->isEmpty() ? context.checkNamespace() : success(); !known)
        return context.fail(known.error());
    QJsonArray rows;
    TextTable table({QStringLiteral("NAME"), QStringLiteral("DIGEST"), QStringLiteral("TYPE"), QStringLiteral("SIZE"),
                     QStringLiteral("UNPACKED"), QStringLiteral("PLATFORMS")});
    for (const ImageSummary &image : ImageSummary::loadAll(*client, *images, context.snapshotter())) {
        // An image whose content is missing or unreadable is still listed, with what is known.
        const ImageRecord &r = image.record;
        QJsonObject o{{QStringLiteral("name"), r.name},
                      {QStringLiteral("digest"), r.digest},
                      {QStringLiteral("mediaType"), r.mediaType},
                      {QStringLiteral("size"), image.size},
                      {QStringLiteral("unpacked"), image.unpacked >= 0},
                      {QStringLiteral("unpackedSize"), image.unpacked},
                      {QStringLiteral("platforms"), QJsonArray::fromStringList(image.platforms)}};
        if (!image.problem.isEmpty())
            o.insert(QStringLiteral("error"), image.problem);
        rows << o;
        table.add({r.name, r.digest, r.mediaType, image.size < 0 ? QStringLiteral("-") : DataSize::text(image.size),
                   image.unpacked < 0 ? QStringLiteral("no") : DataSize::text(image.unpacked),
                   image.problem.isEmpty() ? image.platforms.join(QLatin1Char(',')) : QStringLiteral("(%1)").arg(image.problem)});
    }
    if (context.json())
        context.printJson(QJsonDocument(rows));
    else
        table.print(context.out());
    return Context::Ok;
}

} // namespace strata::ctl
