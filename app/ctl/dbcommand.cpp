#include "dbcommand.h"

#include "context.h"
#include "texttable.h"

#include "bolt/containerdroot.h"
#include "core/datasize.h"
#include "oci/contentstoredir.h"
#include "oci/imageresolver.h"
#include "oci/platformmatcher.h"
#include "snapshots/folderlookup.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::ctl {

namespace {

int snapshots(Context &context, const QString &path, const QCommandLineParser &parser)
{
    // Without --namespace every namespace's snapshots are listed under their backend keys.
    const QString ns = parser.isSet(QStringLiteral("namespace")) ? context.ns() : QString();
    auto found = FolderLookup::offline(path, context.snapshotter(), ns);
    if (!found)
        return context.fail(found.error());
    if (context.json()) {
        context.printJson(QJsonDocument(SnapshotFolder::toJson(found->folders)));
        return Context::Ok;
    }
    TextTable table({QStringLiteral("KEY"), QStringLiteral("PARENT"), QStringLiteral("KIND"), QStringLiteral("FOLDER"),
                     QStringLiteral("PATH")});
    for (const auto &f : found->folders)
        table.add({f.key, f.parent, kindName(f.kind), f.id, f.path});
    table.print(context.out());
    return Context::Ok;
}

int images(Context &context, const QString &path, const QCommandLineParser &parser)
{
    auto root = ContainerdRoot::locate(path);
    if (!root)
        return context.fail(root.error());
    auto db = root->metadataDb();
    if (!db)
        return context.fail(db.error());
    const QStringList namespaces = parser.isSet(QStringLiteral("namespace")) ? QStringList{context.ns()} : db->namespaces();
    // Sizes as `stratactl images` gives them: the config and layers, read from the content
    // store on disk when the root has one (a loose meta.db has none: "-").
    const ContentStoreDir content(root->rootDir());
    const bool haveContent = !root->rootDir().isEmpty() && content.exists();
    QJsonArray rows;
    TextTable table({QStringLiteral("NAMESPACE"), QStringLiteral("NAME"), QStringLiteral("DIGEST"), QStringLiteral("TYPE"),
                     QStringLiteral("SIZE"), QStringLiteral("PLATFORMS")});
    for (const auto &ns : namespaces) {
        for (const auto &i : db->images(ns)) {
            auto resolved = haveContent ? ImageResolver::resolve(
                                              i, [&content](const QString &digest) { return content.read(digest); },
                                              PlatformMatcher::host())
                                        : Result<ResolvedImage>(Error{Error::NotFound, QString()});
            const qint64 size = resolved ? resolved->size : -1;
            const QStringList platforms = resolved ? resolved->platforms : QStringList{};
            rows << QJsonObject{{QStringLiteral("namespace"), ns},
                                {QStringLiteral("name"), i.name},
                                {QStringLiteral("digest"), i.digest},
                                {QStringLiteral("mediaType"), i.mediaType},
                                {QStringLiteral("size"), size},
                                {QStringLiteral("platforms"), QJsonArray::fromStringList(platforms)}};
            table.add({ns, i.name, i.digest, i.mediaType, size < 0 ? QStringLiteral("-") : DataSize::text(size),
                       platforms.join(QLatin1Char(','))});
        }
    }
    if (context.json())
        context.printJson(QJsonDocument(rows));
    else
        table.print(context.out());
    return Context::Ok;
}

} // namespace

void DbCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("what"), QStringLiteral("snapshots or images"));
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("a containerd root, meta.db or metadata.db"));
}

int DbCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return context.usage(QStringLiteral("db takes 'snapshots PATH' or 'images ROOT'"));
    if (args[0] == QLatin1String("snapshots"))
        return snapshots(context, args[1], parser);
    if (args[0] == QLatin1String("images"))
        return images(context, args[1], parser);
    return context.usage(QStringLiteral("db knows 'snapshots' and 'images', not '%1'").arg(args[0]));
}

} // namespace strata::ctl
