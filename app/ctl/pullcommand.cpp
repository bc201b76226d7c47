#include "pullcommand.h"

#include "context.h"
#include "pulldisplay.h"
#include "interruptflag.h"

#include "pull/imagepuller.h"
#include "snapshots/folderlookup.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <unistd.h>

namespace strata::ctl {

void PullCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("plain-http"), QStringLiteral("talk to the registry over HTTP, without TLS")},
        {QStringLiteral("ca-file"), QStringLiteral("also trust this CA (PEM) for the registry's certificate"), QStringLiteral("file")},
        {{QStringLiteral("u"), QStringLiteral("user")},
         QStringLiteral("credentials (else ~/.docker/config.json's); a missing password is read from stdin"),
         QStringLiteral("user[:password]")},
        {QStringLiteral("platform"), QStringLiteral("the platform to pull from an index (default: this host's)"),
         QStringLiteral("os/arch[/variant]")},
        {QStringLiteral("all-platforms"), QStringLiteral("fetch every platform's content; unpack only the chosen one")},
        {QStringLiteral("max-concurrent-downloads"), QStringLiteral("blobs downloaded at once (default 3)"),
         QStringLiteral("n"), QStringLiteral("3")},
        {QStringLiteral("no-unpack"), QStringLiteral("only fill the content store")},
    });
}

namespace {

Result<PullOptions> options(const Context &context, const QCommandLineParser &parser)
{
    PullOptions o;
    o.reference = parser.positionalArguments().constFirst();
    o.snapshotter = context.snapshotter();
    o.registry.plainHttp = parser.isSet(QStringLiteral("plain-http"));
    o.registry.caFile = parser.value(QStringLiteral("ca-file"));
    o.allPlatforms = parser.isSet(QStringLiteral("all-platforms"));
    o.unpack = !parser.isSet(QStringLiteral("no-unpack"));
    bool number = false;
    o.maxConcurrentDownloads = parser.value(QStringLiteral("max-concurrent-downloads")).toInt(&number);
    if (!number || o.maxConcurrentDownloads < 1 || o.maxConcurrentDownloads > 32)
        return Error{Error::InvalidArgument, QStringLiteral("--max-concurrent-downloads takes a number from 1 to 32")};
    if (parser.isSet(QStringLiteral("platform"))) {
        auto p = Platform::parse(parser.value(QStringLiteral("platform")));
        if (!p)
            return p.error();
        o.platform = *p;
    }
    if (parser.isSet(QStringLiteral("user"))) {
        auto credentials = RegistryCredentials::fromUserOption(parser.value(QStringLiteral("user")));
        if (!parser.value(QStringLiteral("user")).contains(QLatin1Char(':'))) {
            QTextStream in(stdin);
            credentials.secret = in.readLine();
        }
        o.registry.credentials = credentials;
    }
    return o;
}

} // namespace

int PullCommand::run(Context &context, const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() != 1)
        return context.usage(QStringLiteral("pull takes one image REF"));
    auto opts = options(context, parser);
    if (!opts)
        return context.usage(opts.error().message);
    auto client = context.client();
    if (!client)
        return context.fail(client.error());

    const InterruptFlag cancel;
    PullDisplay display(context.out(), context.json()         ? PullDisplay::Mode::Json
                                       : ::isatty(STDOUT_FILENO) ? PullDisplay::Mode::Terminal
                                                                 : PullDisplay::Mode::Lines);
    auto pulled = ImagePuller(*client, *opts).pull(cancel.get(), [&display](const PullEvent &e) { display.show(e); });
    display.finish();
    if (!pulled)
        return context.fail(pulled.error());

    QHash<QString, SnapshotFolder> folders;
    if (pulled->unpacked) {
        if (auto local = FolderLookup::localDatabase(*client, context.snapshotter())) {
            for (const auto &f : local->folders)
                folders.insert(f.key, f);
        }
    }
    QJsonArray layers;
    for (const auto &l : pulled->layers) {
        const SnapshotFolder folder = folders.value(l.layer.chainId);
        layers << QJsonObject{{QStringLiteral("digest"), l.layer.digest},
                              {QStringLiteral("diffId"), l.layer.diffId},
                              {QStringLiteral("chainId"), l.layer.chainId},
                              {QStringLiteral("size"), l.layer.size},
                              {QStringLiteral("alreadyPresent"), l.alreadyPresent},
                              {QStringLiteral("id"), folder.id},
                              {QStringLiteral("path"), folder.path}};
        if (!context.json() && !folder.id.isEmpty())
            context.out() << QStringLiteral("layer %1 %2: folder %3\n").arg(l.layer.position + 1).arg(l.layer.chainId, folder.id);
    }
    if (context.json()) {
        context.out() << QJsonDocument(QJsonObject{{QStringLiteral("name"), pulled->name},
                                                   {QStringLiteral("digest"), pulled->digest},
                                                   {QStringLiteral("platform"), pulled->platform},
                                                   {QStringLiteral("layers"), layers}})
                             .toJson(QJsonDocument::Compact)
                      << '\n';
    } else {
        context.out() << QStringLiteral("pulled %1 (%2, %3)%4\n")
                             .arg(pulled->name, pulled->digest, pulled->platform,
                                  pulled->unpacked ? QStringLiteral(", unpacked into ") + context.snapshotter() : QString());
    }
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
