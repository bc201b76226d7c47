#include "command.h"
#include "commands.h"
#include "context.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace strata::ctl;

namespace {

QString overview(const std::vector<std::unique_ptr<Command>> &commands)
{
    QString text = QStringLiteral("Usage: stratactl [global options] COMMAND [options]\n\n"
                                  "A scriptable view of containerd's images, snapshots and their numbered folders.\n\n"
                                  "Commands:\n");
    for (const auto &c : commands)
        text += QStringLiteral("  %1 %2\n").arg(c->name(), -12).arg(c->summary());
    text += QStringLiteral("\nGlobal options:\n");
    for (const auto &o : Context::globalOptions())
        text += QStringLiteral("  --%1 %2\n").arg(o.names().first(), -12).arg(o.description());
    text += QStringLiteral("\nRun 'stratactl COMMAND --help' for a command's options.\n");
    return text;
}

// The first word that is neither an option nor the value of a global option. Command options
// may come before the command word too (`--db off folders`), so a word that names no command
// is taken for an option's value when it follows an option.
int commandIndex(const QStringList &args, const std::vector<std::unique_ptr<Command>> &commands)
{
    auto isCommand = [&](const QString &word) {
        return std::any_of(commands.begin(), commands.end(), [&](const auto &c) { return c->name() == word; });
    };
    QStringList valued;
    for (const auto &o : Context::globalOptions()) {
        if (!o.valueName().isEmpty())
            valued << QStringLiteral("--") + o.names().first();
    }
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--"))
            return -1;
        if (valued.contains(args[i])) {
            ++i;
            continue;
        }
        if (args[i].startsWith(QLatin1Char('-')))
            continue;
        if (isCommand(args[i]) || !args[i - 1].startsWith(QLatin1Char('-')) || args[i - 1].contains(QLatin1Char('=')))
            return i;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    SignalWatcher::install();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratactl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));

    const auto commands = allCommands();
    QStringList args = app.arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);

    const int at = commandIndex(args, commands);
    if (at < 0) {
        if (args.contains(QLatin1String("--version"))) {
            out << "stratactl " << STRATA_VERSION << Qt::endl;
            return Context::Ok;
        }
        if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
            out << overview(commands);
            return Context::Ok;
        }
        err << overview(commands);
        return Context::Usage;
    }

    const QString name = args.takeAt(at);
    Command *command = nullptr;
    for (const auto &c : commands) {
        if (c->name() == name)
            command = c.get();
    }
    if (!command) {
        err << "stratactl: unknown command '" << name << "' (see stratactl --help)" << Qt::endl;
        return Context::Usage;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    parser.addOptions(Context::globalOptions());
    command->addOptions(parser);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    if (!parser.parse(args)) {
        err << "stratactl " << name << ": " << parser.errorText() << " (see --help)" << Qt::endl;
        return Context::Usage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QLatin1String("[options]"),
                                         QStringLiteral("%1 [options] %2").arg(name, command->synopsis()));
        return Context::Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out << "stratactl " << STRATA_VERSION << Qt::endl;
        return Context::Ok;
    }
    Context context(parser);
    return command->run(context, parser);
}
