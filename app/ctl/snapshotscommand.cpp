#include "snapshotscommand.h"

#include "context.h"
#include "foldersource.h"
#include "texttable.h"

#include <QHash>
#include <QJsonArray>

#include <algorithm>

namespace strata::ctl {

namespace {

void printTree(QTextStream &out, const QList<SnapshotFolder> &folders)
{
    QHash<QString, QList<const SnapshotFolder *>> children;
    QSet<QString> keys;
    for (const auto &f : folders)
        keys.insert(f.key);
    QList<const SnapshotFolder *> roots;
    for (const auto &f : folders) {
        if (f.parent.isEmpty() || !keys.contains(f.parent))
            roots << &f;
        else
            children[f.parent] << &f;
    }
    // Iterative depth-first walk: chains can be far deeper than the stack should go.
    QList<std::pair<const SnapshotFolder *, int>> stack;
    for (auto it = roots.crbegin(); it != roots.crend(); ++it)
        stack << std::pair{*it, 0};
    while (!stack.isEmpty()) {
        auto [f, depth] = stack.takeLast();
        const QString indent(depth * 2, QLatin1Char(' '));
        out << indent << (depth ? "\\_ " : "") << f->key << "  [" << kindName(f->kind)
            << (f->id.isEmpty() ? QString() : QStringLiteral(", folder ") + f->id) << "]\n";
        const auto &kids = children.value(f->key);
        for (auto it = kids.crbegin(); it != kids.crend(); ++it)
            stack << std::pair{*it, depth + 1};
    }
    out.flush();
}

} // namespace

void SnapshotsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("tree"), QStringLiteral("draw the parent forest")});
    FolderSource::addOptions(parser);
}

int SnapshotsCommand::run(Context &context, const QCommandLineParser &parser)
{
    auto folders = FolderSource::load(context, parser);
    if (!folders)
        return context.fail(folders.error());
    if (auto known = folders->isEmpty() ? context.checkNamespace() : success(); !known)
        return context.fail(known.error());
    if (context.json()) {
        context.printJson(QJsonDocument(SnapshotFolder::toJson(*folders)));
        return Context::Ok;
    }
    if (parser.isSet(QStringLiteral("tree"))) {
        printTree(context.out(), *folders);
        return Context::Ok;
    }
    TextTable table({QStringLiteral("KEY"), QStringLiteral("PARENT"), QStringLiteral("KIND"), QStringLiteral("FOLDER")});
    for (const auto &f : *folders)
        table.add({f.key, f.parent, kindName(f.kind), f.id});
    table.print(context.out());
    return Context::Ok;
}

} // namespace strata::ctl
