#include "run/runplanner.h"

#include "layers/overlayfolder.h"

namespace strata {

Result<Mount> RunPlanner::overlayRootfs(const LayerStack &stack)
{
    if (stack.size() < 2)
        return Error{Error::InvalidArgument,
                     QStringLiteral("an overlay rootfs needs at least one parent layer and a scratch; the stack has %1 row(s)")
                         .arg(stack.size())};
    QStringList lower = stack.folders();
    const QString scratch = lower.takeLast();
    for (QString &folder : lower)
        folder = OverlayFolder::filesDir(folder);
    // index=off: a scratch reused under a different lowerdir (a reordered stack) would
    // otherwise be refused as stale by overlayfs' origin checks.
    return Mount{QStringLiteral("overlay"), QStringLiteral("overlay"), QString(),
                 {QStringLiteral("index=off"), QStringLiteral("workdir=") + OverlayFolder::workDir(scratch),
                  QStringLiteral("upperdir=") + OverlayFolder::filesDir(scratch),
                  QStringLiteral("lowerdir=") + lower.join(QLatin1Char(':'))}};
}

Result<ConfigDocument> RunPlanner::linuxSpec(const RunRequest &request, const QString &ns, const LayerStack &layers)
{
    RuntimeSpec::LinuxRequest spec;
    spec.containerId = request.id;
    spec.containerdNamespace = ns;
    spec.layers = layers;
    // A stack run borrows an image's process settings only when the caller named one.
    if (request.source == RunRequest::Source::Image || !request.image.name.isEmpty())
        spec.image = request.image.config;
    else
        spec.env << QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    spec.args = request.args;
    spec.env << request.env;
    auto doc = RuntimeSpec::forLinux(spec);
    if (!doc)
        return doc.error();
    if (!doc->json()["process"].contains("args"))
        return Error{Error::InvalidArgument, QStringLiteral("nothing to run: the image has no entrypoint or cmd and no command was given")};
    setTerminal(*doc, request.terminal);
    return doc;
}

Result<ConfigDocument> RunPlanner::configSpec(const RunRequest &request)
{
    auto config = ConfigDocument::load(request.configPath);
    if (!config)
        return config.error();
    // Checked here because setTerminal and the task spec index into it as an object.
    if (!config->json().contains("process") || !config->json()["process"].is_object())
        return Error{Error::Corrupt, QStringLiteral("%1: \"process\" must be an object with at least \"args\"; "
                                                    "see stratactl compose to write one")
                                         .arg(request.configPath)};
    setTerminal(*config, request.terminal);
    return config;
}

Result<QList<Mount>> RunPlanner::configRootfs(const ConfigDocument &config)
{
    if (config.form() == ConfigDocument::Form::Windows)
        return QList<Mount>{};
    auto stack = config.layerStack();
    if (!stack)
        return Error{stack.error().code,
                     QStringLiteral("the config names no layers to build a rootfs from (%1)").arg(stack.error().message)};
    auto mount = overlayRootfs(*stack);
    if (!mount)
        return mount.error();
    return QList<Mount>{*mount};
}

void RunPlanner::setTerminal(ConfigDocument &spec, bool terminal)
{
    auto &process = spec.json()["process"];
    if (terminal)
        process["terminal"] = true;
    else
        process.erase("terminal");
}

} // namespace strata
