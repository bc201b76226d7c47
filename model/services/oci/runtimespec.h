#pragma once

#include "core/result.h"
#include "layers/layerstack.h"
#include "oci/configdocument.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace strata {

// Builds the config.json documents Strata runs: the Windows shape of the field report, and
// the Linux spec `ctr run` generates in containerd 1.6, with the layer stack kept alongside.
class RuntimeSpec
{
public:
    // specs.Version as vendored by containerd 1.6.20: what its generated Linux specs carry.
    static inline const QString LinuxOciVersion = QStringLiteral("1.0.2-dev");
    // The field report's Windows config says 1.1.0, and hcsshim accepts it.
    static inline const QString WindowsOciVersion = QStringLiteral("1.1.0");

    // The parts of an image config (OCI image spec `config`) a process is made from.
    struct ImageConfig
    {
        QStringList entrypoint;
        QStringList cmd;
        QStringList env;
        QString workingDir;
        QString user;
        QByteArray passwd; // the image's /etc/passwd, to resolve a named USER (may be empty)
        QByteArray group;  // the image's /etc/group, for supplementary groups (may be empty)
    };

    struct LinuxRequest
    {
        QString containerId;
        QString containerdNamespace = QStringLiteral("default"); // cgroupsPath is /<ns>/<id>
        LayerStack layers;                 // lowerdir folders nearest first, then upperdir
        std::optional<ImageConfig> image;
        QStringList args;                  // replace entrypoint + cmd when not empty (ctr run)
        QStringList env;                   // KEY=VALUE overrides; a bare KEY removes it
    };

    // ociVersion 1.1.0, user ContainerUser, cwd "", root.path "", windows.layerFolders,
    // ignoreFlushesDuringBoot, network.allowUnqualifiedDNSQuery: the report's working config.
    static ConfigDocument forWindows(const LayerStack &layers, const QStringList &args);

    // containerd's populateDefaultUnixSpec + WithDefaultUnixDevices (what ctr run starts
    // from), then the image's process settings, root.path "rootfs", and the stack as the
    // ConfigDocument::LayerFoldersAnnotation. Fails only when the image's USER cannot be resolved.
    static Result<ConfigDocument> forLinux(const LinuxRequest &request);
};

} // namespace strata
