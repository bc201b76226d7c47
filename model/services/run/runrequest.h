#pragma once

#include "layers/layerstack.h"
#include "oci/runtimespec.h"

#include <QString>
#include <QStringList>

namespace strata {

// What to run and how: one of three sources, the process overrides and the stdio shape.
struct RunRequest
{
    enum class Source {
        Image,  // a fresh Active snapshot on the image's top chainID, spec as ctr run's default
        Stack,  // an overlay rootfs made from the stack: parents as lowerdir, scratch as upperdir
        Config, // a config.json as `ctr run --config`: its own process, its stack as the rootfs
    };

    // An image as the run engine needs it: resolved by the caller (ImageResolver), so the
    // engine never reads content itself.
    struct Image
    {
        QString name;
        QString topChainId; // the committed snapshot the rootfs is prepared on
        RuntimeSpec::ImageConfig config;
    };

    QString id; // container id; also the snapshot key for an image run
    Source source = Source::Image;
    Image image;           // Source::Image (its config also serves a stack run when given)
    LayerStack stack;      // Source::Stack
    QString configPath;    // Source::Config
    QStringList args;      // replace the image's entrypoint + cmd when not empty
    QStringList env;       // KEY=VALUE overrides
    QString snapshotter = QStringLiteral("overlayfs");
    bool terminal = false; // a TTY: one output stream, no stderr
    bool withStdin = true;
    bool throwaway = false; // remove the container and the snapshot Strata made when it ends
    // A stack that breaks the layer rules runs only when the user said "run anyway".
    bool runAnyway = false;
};

} // namespace strata
