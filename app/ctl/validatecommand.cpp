#include "validatecommand.h"

#include "context.h"
#include "foldersource.h"

#include "layers/layervalidator.h"
#include "oci/configdocument.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace strata::ctl {

namespace {

int printViolations(Context &context, const QList<LayerViolation> &violations, int layers)
{
    if (context.json()) {
        QJsonArray rows;
        for (const LayerViolation &v : violations) {
            QJsonArray at;
            for (int r : v.rows)
                at << r;
            rows << QJsonObject{{QStringLiteral("rule"), v.rule}, {QStringLiteral("rows"), at},
                                {QStringLiteral("problem"), v.problem}, {QStringLiteral("fix"), v.fix}};
        }
        context.printJson(QJsonDocument(QJsonObject{{QStringLiteral("valid"), violations.isEmpty()},
                                                    {QStringLiteral("layers"), layers},
                                                    {QStringLiteral("violations"), rows}}));
    } else if (violations.isEmpty()) {
        context.out() << "valid: " << layers << " layers" << Qt::endl;
    } else {
        for (const LayerViolation &v : violations)
            context.out() << v.rule << ": " << v.problem << (v.fix.isEmpty() ? QString() : QStringLiteral(" \u2014 ") + v.fix)
                          << Qt::endl;
    }
    return violations.isEmpty() ? Context::Ok : Context::Failed;
}

} // namespace

void ValidateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("CONFIG"), QStringLiteral("the config.json to check"));
    FolderSource::addOptions(parser);
}

int ValidateCommand::run(Context &context, const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return context.usage(QStringLiteral("validate takes one CONFIG file"));
    // Exit 2 covers a config that cannot be read as one: syntax (with line and column), I/O,
    // or a layer list of the wrong type. A config naming no layers is checked (and too short).
    auto doc = ConfigDocument::load(args.first());
    if (!doc) {
        // The document's error already names the file.
        QTextStream(stderr) << "stratactl: " << doc.error().message << Qt::endl;
        return Context::Usage;
    }
    LayerStack stack;
    if (auto found = doc->layerStack()) {
        stack = *found;
    } else if (!found.error().is(Error::NotFound)) {
        QTextStream(stderr) << "stratactl: " << QDir::toNativeSeparators(args.first()) << ": " << found.error().message << Qt::endl;
        return Context::Usage;
    }
    auto folders = FolderSource::load(context, parser);
    if (!folders)
        return context.fail(folders.error());
    return printViolations(context, LayerValidator(*folders).validate(stack), int(stack.size()));
}

} // namespace strata::ctl
