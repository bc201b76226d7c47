#include "exportcommand.h"

#include "context.h"
#include "interruptflag.h"

#include "archive/imageexporter.h"

#include <QJsonArray>
#include <QJsonObject>


namespace strata::ctl {

void ExportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("platform"), QStringLiteral("the platform to export from an index (default: this host's)"),
         QStringLiteral("os/arch[/variant]")},
        {QStringLiteral("all-platforms"), QStringLiteral("every platform's content of an index (all must be present)")},
    });
}

int ExportCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        return context.usage(QStringLiteral("export takes a FILE and one or more image names"));
    ExportOptions options{args.constFirst(), args.mid(1), {}, parser.isSet(QStringLiteral("all-platforms"))};
    if (parser.isSet(QStringLiteral("platform"))) {
        auto p = Platform::parse(parser.value(QStringLiteral("platform")));
        if (!p)
            return context.usage(p.error().message);
        options.platform = *p;
    }
    auto client = context.client();
    if (!client)
        return context.fail(client.error());

    const InterruptFlag cancel;
    if (auto exported = ImageExporter(*client, options).exportTo(cancel.get(), {}); !exported)
        return context.fail(exported.error());
    if (context.json())
        context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("file"), options.file},
                                                    {QStringLiteral("images"), QJsonArray::fromStringList(options.names)}}));
    else
        context.out() << options.file << '\n';
    context.out().flush();
    return Context::Ok;
}

} // namespace strata::ctl
