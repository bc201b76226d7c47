#include "folderscommand.h"

#include "context.h"
#include "foldersource.h"
#include "texttable.h"

#include "oci/imageresolver.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

namespace {

int printImageLayers(Context &context, const QString &ref, const QList<SnapshotFolder> &folders)
{
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto image = ImageResolver(*client).resolve(ref);
    if (!image)
        return context.fail(image.error());
    QHash<QString, const SnapshotFolder *> byKey;
    for (const auto &f : folders)
        byKey.insert(f.key, &f);
    QJsonArray rows;
    TextTable table({QStringLiteral("#"), QStringLiteral("CHAIN ID"), QStringLiteral("FOLDER"), QStringLiteral("PATH")});
    for (const auto &layer : image->layers) {
        const SnapshotFolder *f = byKey.value(layer.chainId);
        // A layer that is not unpacked for this snapshotter has no snapshot, hence no folder.
        SnapshotFolder row = f ? *f : SnapshotFolder{layer.chainId, {}, SnapshotKind::Unknown, {}, {}, {}};
        QJsonObject o = row.toJson();
        o.insert(QStringLiteral("chainId"), layer.chainId);
        o.insert(QStringLiteral("diffId"), layer.diffId);
        rows << o;
        table.add({QString::number(layer.position), layer.chainId, f ? f->id : QStringLiteral("(not unpacked)"),
                   f ? f->path : QString()});
    }
    if (context.json())
        context.printJson(QJsonDocument(rows));
    else
        table.print(context.out());
    return Context::Ok;
}

} // namespace

void FoldersCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("image"), QStringLiteral("only this image's layers, base to top"), QStringLiteral("ref")});
    FolderSource::addOptions(parser);
}

int FoldersCommand::run(Context &context, const QCommandLineParser &parser)
{
    auto folders = FolderSource::load(context, parser);
    if (!folders)
        return context.fail(folders.error());
    if (parser.isSet(QStringLiteral("image")))
        return printImageLayers(context, parser.value(QStringLiteral("image")), *folders);
    if (context.json()) {
        context.printJson(QJsonDocument(SnapshotFolder::toJson(*folders)));
        return Context::Ok;
    }
    TextTable table({QStringLiteral("KEY"), QStringLiteral("KIND"), QStringLiteral("FOLDER"), QStringLiteral("PATH")});
    for (const auto &f : *folders)
        table.add({f.key, kindName(f.kind), f.id, f.path});
    table.print(context.out());
    return Context::Ok;
}

} // namespace strata::ctl
