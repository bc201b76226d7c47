#include "imagescommand.h"

#include "context.h"
#include "texttable.h"

#include "client/imagesservice.h"
#include "core/datasize.h"
#include "oci/imageresolver.h"

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
    ImageResolver resolver(*client);
    QJsonArray rows;
    TextTable table({QStringLiteral("NAME"), QStringLiteral("DIGEST"), QStringLiteral("TYPE"), QStringLiteral("SIZE"),
                     QStringLiteral("PLATFORMS")});
    for (const auto &image : *images) {
        // An image whose content is missing or unreadable is still listed, with what is known.
        auto resolved = resolver.resolve(image.name);
        const qint64 size = resolved ? resolved->size : -1;
        const QStringList platforms = resolved ? resolved->platforms : QStringList();
        QJsonObject o{{QStringLiteral("name"), image.name},
                      {QStringLiteral("digest"), image.digest},
                      {QStringLiteral("mediaType"), image.mediaType},
                      {QStringLiteral("size"), size},
                      {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)}};
        if (!resolved)
            o.insert(QStringLiteral("error"), resolved.error().message);
        rows << o;
        table.add({image.name, image.digest, image.mediaType,
                   size < 0 ? QStringLiteral("-") : DataSize::text(size),
                   resolved ? platforms.join(QLatin1Char(',')) : QStringLiteral("(%1)").arg(resolved.error().message)});
    }
    if (context.json())
        context.printJson(QJsonDocument(rows));
    else
        table.print(context.out());
    return Context::Ok;
}

} // namespace strata::ctl
