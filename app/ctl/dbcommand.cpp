#include "dbcommand.h"

#include "context.h"
#include "texttable.h"

#include "bolt/containerdroot.h"
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
    QJsonArray rows;
    TextTable table({QStringLiteral("NAMESPACE"), QStringLiteral("NAME"), QStringLiteral("DIGEST"), QStringLiteral("TYPE")});
    for (const auto &ns : namespaces) {
        for (const auto &i : db->images(ns)) {
            rows << QJsonObject{{QStringLiteral("namespace"), ns},
                                {QStringLiteral("name"), i.name},
                                {QStringLiteral("digest"), i.digest},
                                {QStringLiteral("mediaType"), i.mediaType},
                                {QStringLiteral("size"), i.size}};
            table.add({ns, i.name, i.digest, i.mediaType});
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
