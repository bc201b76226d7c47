#include "validatecommand.h"

#include "context.h"
#include "foldersource.h"

#include "bolt/containerdroot.h"
#include "client/address.h"
#include "layers/layervalidator.h"
#include "oci/configdocument.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace strata::ctl {

namespace {

QString defaultRoot()
{
#ifdef Q_OS_WIN
    return QStringLiteral("C:/ProgramData/containerd/root");
#else
    return QStringLiteral("/var/lib/containerd");
#endif
}

Result<QList<SnapshotFolder>> offline(Context &context, const QString &path)
{
    auto root = ContainerdRoot::locate(path);
    if (!root)
        return root.error();
    return root->folders(context.snapshotter(), context.ns());
}

bool isDefaultAddress(const QString &address)
{
    const auto given = Address::parse(address);
    const auto platform = Address::parse(Address::platformDefault());
    return given && platform && *given == *platform;
}

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
            context.out() << v.rule << ": " << v.problem << Qt::endl;
    }
    return violations.isEmpty() ? Context::Ok : Context::Failed;
}

} // namespace

void ValidateCommand::addStoreOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("snapshot store: auto (containerd, else the default root offline), "
                                     "off (containerd only), or a containerd root / metadata.db to read offline"),
                      QStringLiteral("auto|PATH|off"), QStringLiteral("auto")});
    FolderSource::addOptions(parser);
}

Result<QList<SnapshotFolder>> ValidateCommand::loadStore(Context &context, const QCommandLineParser &parser)
{
    const QString db = parser.value(QStringLiteral("db"));
    if (db != QLatin1String("auto") && db != QLatin1String("off"))
        return offline(context, db);
    auto live = FolderSource::load(context, parser);
    if (live || db == QLatin1String("off") || !live.error().is(Error::Unavailable) || !isDefaultAddress(context.address())
        || !QFileInfo::exists(defaultRoot()))
        return live;
    auto fallback = offline(context, defaultRoot());
    if (!fallback)
        return live;
    QTextStream(stderr) << "stratactl: containerd does not answer; read " << QDir::toNativeSeparators(defaultRoot())
                        << " offline" << Qt::endl;
    return fallback;
}

void ValidateCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("CONFIG"), QStringLiteral("the config.json to check"));
    addStoreOption(parser);
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
        QTextStream(stderr) << "stratactl: " << QDir::toNativeSeparators(args.first()) << ": " << doc.error().message << Qt::endl;
        return Context::Usage;
    }
    LayerStack stack;
    if (auto found = doc->layerStack()) {
        stack = *found;
    } else if (!found.error().is(Error::NotFound)) {
        QTextStream(stderr) << "stratactl: " << QDir::toNativeSeparators(args.first()) << ": " << found.error().message << Qt::endl;
        return Context::Usage;
    }
    auto folders = loadStore(context, parser);
    if (!folders)
        return context.fail(folders.error());
    return printViolations(context, LayerValidator(*folders).validate(stack), int(stack.size()));
}

} // namespace strata::ctl
