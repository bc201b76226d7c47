#include "filescommand.h"

#include "context.h"
#include "texttable.h"

#include "core/datasize.h"
#include "files/filekind.h"
#include "files/imagefiles.h"
#include "files/mergedtree.h"
#include "oci/imageresolver.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

namespace {

QString modeText(quint32 mode)
{
    return QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0'));
}

QString sizeText(FileKind kind, qint64 size)
{
    return kind == FileKind::File || kind == FileKind::Hardlink ? DataSize::text(size) : QStringLiteral("-");
}

// Layers are numbered as people count them: 1 is the base.
QJsonArray layerNumbers(const QList<qint16> &layers)
{
    QJsonArray out;
    for (qint16 l : layers)
        out << l + 1;
    return out;
}

QString layerList(const QList<qint16> &layers)
{
    QStringList out;
    for (qint16 l : layers)
        out << QString::number(l + 1);
    return out.join(QLatin1Char(','));
}

QString removalName(MergedTree::Removal how)
{
    switch (how) {
    case MergedTree::Removal::Whiteout: return QStringLiteral("whiteout");
    case MergedTree::Removal::Opaque: return QStringLiteral("opaque directory");
    case MergedTree::Removal::Replaced: return QStringLiteral("replaced by another kind");
    }
    return {};
}

int printLayer(Context &context, const LayerChanges &changes)
{
    if (context.json()) {
        QJsonArray rows;
        for (const FileEntry &e : changes)
            rows << QJsonObject{{QStringLiteral("path"), e.path}, {QStringLiteral("kind"), FileKindName::of(e.kind)},
                                {QStringLiteral("mode"), modeText(e.mode)}, {QStringLiteral("size"), e.size},
                                {QStringLiteral("link"), e.linkTarget}};
        context.printJson(QJsonDocument(rows));
        return Context::Ok;
    }
    TextTable table({QStringLiteral("KIND"), QStringLiteral("MODE"), QStringLiteral("SIZE"), QStringLiteral("PATH")});
    for (const FileEntry &e : changes)
        table.add({FileKindName::of(e.kind), modeText(e.mode), sizeText(e.kind, e.size),
                   e.linkTarget.isEmpty() ? e.path : QStringLiteral("%1 -> %2").arg(e.path, e.linkTarget)});
    table.print(context.out());
    return Context::Ok;
}

int printMerged(Context &context, const MergedTree &tree)
{
    const auto &s = tree.summary();
    if (context.json()) {
        QJsonArray files;
        for (const auto &v : tree.flatten())
            files << QJsonObject{{QStringLiteral("path"), v.path}, {QStringLiteral("kind"), FileKindName::of(v.kind)},
                                 {QStringLiteral("mode"), modeText(v.mode)}, {QStringLiteral("size"), v.size},
                                 {QStringLiteral("layer"), v.layer + 1}, {QStringLiteral("shadows"), layerNumbers(v.shadows)},
                                 {QStringLiteral("link"), v.linkTarget}};
        QJsonArray removed;
        for (const auto &r : tree.removed())
            removed << QJsonObject{{QStringLiteral("path"), r.path}, {QStringLiteral("byLayer"), r.byLayer + 1},
                                   {QStringLiteral("how"), removalName(r.how)}, {QStringLiteral("bytes"), r.bytes},
                                   {QStringLiteral("fromLayers"), layerNumbers(r.fromLayers)}};
        context.printJson(QJsonDocument(QJsonObject{
            {QStringLiteral("layers"), tree.layerCount()}, {QStringLiteral("files"), files}, {QStringLiteral("removed"), removed},
            {QStringLiteral("summary"), QJsonObject{{QStringLiteral("files"), s.files}, {QStringLiteral("dirs"), s.dirs},
                                                    {QStringLiteral("bytes"), s.bytes}, {QStringLiteral("wastedBytes"), s.wastedBytes},
                                                    {QStringLiteral("efficiency"), s.efficiency}}}}));
        return Context::Ok;
    }
    TextTable table({QStringLiteral("LAYER"), QStringLiteral("KIND"), QStringLiteral("MODE"), QStringLiteral("SIZE"),
                     QStringLiteral("SHADOWS"), QStringLiteral("PATH")});
    for (const auto &v : tree.flatten())
        table.add({v.layer < 0 ? QStringLiteral("-") : QString::number(v.layer + 1), FileKindName::of(v.kind), modeText(v.mode),
                   sizeText(v.kind, v.size), layerList(v.shadows),
                   v.linkTarget.isEmpty() ? v.path : QStringLiteral("%1 -> %2").arg(v.path, v.linkTarget)});
    table.print(context.out());
    for (const auto &r : tree.removed())
        context.out() << "removed: " << r.path << " (" << removalName(r.how) << " in layer " << r.byLayer + 1
                      << ", hides layer " << layerList(r.fromLayers) << ")\n";
    context.out() << QStringLiteral("%1 files, %2 directories, %3; wasted %4; efficiency %5%")
                         .arg(s.files).arg(s.dirs).arg(DataSize::text(s.bytes), DataSize::text(s.wastedBytes))
                         .arg(s.efficiency * 100, 0, 'f', 1)
                  << Qt::endl;
    return Context::Ok;
}

} // namespace

void FilesCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("image"), QStringLiteral("an image name, as stratactl images lists it"));
    parser.addOption({QStringLiteral("layer"), QStringLiteral("only what layer N changes (1 is the base)"), QStringLiteral("N")});
}

int FilesCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return context.usage(QStringLiteral("files takes one image name"));
    auto client = context.client();
    if (!client)
        return context.fail(client.error());
    auto image = ImageResolver(*client).resolve(args.first());
    if (!image)
        return context.fail(image.error());
    if (parser.isSet(QStringLiteral("layer"))) {
        bool ok = false;
        const int n = parser.value(QStringLiteral("layer")).toInt(&ok);
        if (!ok || n < 1 || n > image->layers.size())
            return context.usage(QStringLiteral("--layer takes a number from 1 (the base) to %1").arg(image->layers.size()));
        auto changes = ImageFiles::layer(*client, image->layers.at(n - 1));
        if (!changes)
            return context.fail(changes.error());
        return printLayer(context, *changes);
    }
    auto layers = ImageFiles::layers(*client, *image);
    if (!layers)
        return context.fail(layers.error());
    return printMerged(context, MergedTree::build(*layers));
}

} // namespace strata::ctl
