#include "oci/runtimespec.h"

#include "oci/runtimespecuser.h"

#include <QHash>

namespace strata {

namespace {

using Json = nlohmann::ordered_json;

Json toArray(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &s : list)
        array.push_back(s.toStdString());
    return array;
}

// oci.replaceOrAppendEnvValues: overrides replace same-named defaults in place, new names are
// appended, and a bare NAME removes it.
QStringList replaceOrAppendEnv(const QStringList &defaults, const QStringList &overrides)
{
    QStringList results = defaults;
    QHash<QString, qsizetype> index;
    for (qsizetype i = 0; i < defaults.size(); ++i)
        index.insert(defaults.at(i).section(QLatin1Char('='), 0, 0), i);
    for (const QString &value : overrides) {
        const QString name = value.section(QLatin1Char('='), 0, 0);
        if (!value.contains(QLatin1Char('='))) {
            if (index.contains(name))
                results[index.value(name)].clear();
            continue;
        }
        if (index.contains(name))
            results[index.value(name)] = value;
        else
            results << value;
    }
    results.removeAll(QString());
    return results;
}

Json defaultCapabilities()
{
    return toArray({
        QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_DAC_OVERRIDE"), QStringLiteral("CAP_FSETID"),
        QStringLiteral("CAP_FOWNER"), QStringLiteral("CAP_MKNOD"), QStringLiteral("CAP_NET_RAW"),
        QStringLiteral("CAP_SETGID"), QStringLiteral("CAP_SETUID"), QStringLiteral("CAP_SETFCAP"),
        QStringLiteral("CAP_SETPCAP"), QStringLiteral("CAP_NET_BIND_SERVICE"), QStringLiteral("CAP_SYS_CHROOT"),
        QStringLiteral("CAP_KILL"), QStringLiteral("CAP_AUDIT_WRITE"),
    });
}

Json mount(const char *destination, const char *type, const char *source, const QStringList &options)
{
    return Json{{"destination", destination}, {"type", type}, {"source", source}, {"options", toArray(options)}};
}

Json defaultMounts()
{
    const QString size = QStringLiteral("size=65536k");
    return Json::array({
        mount("/proc", "proc", "proc", {"nosuid", "noexec", "nodev"}),
        mount("/dev", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", size}),
        mount("/dev/pts", "devpts", "devpts", {"nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"}),
        mount("/dev/shm", "tmpfs", "shm", {"nosuid", "noexec", "nodev", "mode=1777", size}),
        mount("/dev/mqueue", "mqueue", "mqueue", {"nosuid", "noexec", "nodev"}),
        mount("/sys", "sysfs", "sysfs", {"nosuid", "noexec", "nodev", "ro"}),
        mount("/run", "tmpfs", "tmpfs", {"nosuid", "strictatime", "mode=755", size}),
    });
}

Json charDevice(int major, std::optional<int> minor)
{
    Json d{{"allow", true}, {"type", "c"}, {"major", major}};
    if (minor)
        d["minor"] = *minor;
    d["access"] = "rwm";
    return d;
}

// populateDefaultUnixSpec denies every device, then WithDefaultUnixDevices allows the usual
// ones: null, random, full, tty, zero, urandom, console, the pts range and ptmx.
Json deviceRules()
{
    Json rules = Json::array({Json{{"allow", false}, {"access", "rwm"}}});
    const std::pair<int, std::optional<int>> allowed[] = {
        {1, 3}, {1, 8}, {1, 7}, {5, 0}, {1, 5}, {1, 9}, {5, 1}, {136, std::nullopt}, {5, 2},
    };
    for (const auto &[major, minor] : allowed)
        rules.push_back(charDevice(major, minor));
    return rules;
}

Json linuxSection(const QString &cgroupsPath)
{
    Json namespaces = Json::array();
    for (const char *type : {"pid", "ipc", "uts", "mount", "network"})
        namespaces.push_back(Json{{"type", type}});
    return Json{
        {"resources", Json{{"devices", deviceRules()}}},
        {"cgroupsPath", cgroupsPath.toStdString()},
        {"namespaces", namespaces},
        {"maskedPaths", toArray({"/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                                 "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"})},
        {"readonlyPaths", toArray({"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"})},
    };
}

Json userObject(const RuntimeSpecUser &user)
{
    Json u{{"uid", user.uid}, {"gid", user.gid}};
    if (!user.additionalGids.isEmpty()) {
        Json gids = Json::array();
        for (quint32 g : user.additionalGids)
            gids.push_back(g);
        u["additionalGids"] = gids;
    }
    return u;
}

} // namespace

ConfigDocument RuntimeSpec::forWindows(const LayerStack &layers, const QStringList &args)
{
    return ConfigDocument(Json{
        {"ociVersion", WindowsOciVersion.toStdString()},
        {"process", Json{
            {"user", Json{{"uid", 0}, {"gid", 0}, {"username", "ContainerUser"}}},
            {"args", toArray(args)},
            {"cwd", ""},
        }},
        {"root", Json{{"path", ""}}},
        {"windows", Json{
            {"layerFolders", toArray(layers.folders())},
            {"ignoreFlushesDuringBoot", true},
            {"network", Json{{"allowUnqualifiedDNSQuery", true}}},
        }},
    });
}

Result<ConfigDocument> RuntimeSpec::forLinux(const LinuxRequest &request)
{
    RuntimeSpecUser user;
    QStringList args = request.args;
    QStringList env = replaceOrAppendEnv({}, request.env);
    QString cwd = QStringLiteral("/");
    if (const auto &image = request.image) {
        auto resolved = RuntimeSpecUser::resolve(image->user, image->passwd, image->group);
        if (!resolved)
            return resolved.error();
        user = *resolved;
        if (args.isEmpty())
            args = image->entrypoint + image->cmd;
        const QStringList defaults = image->env.isEmpty()
            ? QStringList{QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")}
            : image->env;
        env = replaceOrAppendEnv(defaults, request.env);
        if (!image->workingDir.isEmpty())
            cwd = image->workingDir;
    }

    // Key order follows the Go structs, so the output diffs cleanly against ctr's spec.
    Json process{{"user", userObject(user)}};
    if (!args.isEmpty())
        process["args"] = toArray(args);
    if (!env.isEmpty())
        process["env"] = toArray(env);
    process["cwd"] = cwd.toStdString();
    process["capabilities"] = Json{{"bounding", defaultCapabilities()},
                                   {"effective", defaultCapabilities()},
                                   {"permitted", defaultCapabilities()}};
    process["rlimits"] = Json::array({Json{{"type", "RLIMIT_NOFILE"}, {"hard", 1024}, {"soft", 1024}}});
    process["noNewPrivileges"] = true;

    const QString cgroupsPath = QLatin1Char('/') + request.containerdNamespace + QLatin1Char('/') + request.containerId;
    Json spec{
        {"ociVersion", LinuxOciVersion.toStdString()},
        {"process", process},
        {"root", Json{{"path", "rootfs"}}},
        {"mounts", defaultMounts()},
    };
    // Like Go's omitempty: no stack, no annotations object.
    if (!request.layers.isEmpty()) {
        ConfigDocument annotated;
        annotated.setLayerStack(request.layers);
        spec["annotations"] = annotated.json()["annotations"];
    }
    spec["linux"] = linuxSection(cgroupsPath);
    return ConfigDocument(std::move(spec));
}

} // namespace strata
