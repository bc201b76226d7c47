#pragma once

#include "command.h"

namespace strata::ctl {

// `layers --scratch KEY`: the valid layerFolders for a scratch, nearest parent first and the
// scratch last (parentLayerPaths, then the scratch's own folder).
class LayersCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("layers"); }
    QString summary() const override { return QStringLiteral("the valid layerFolders for a scratch snapshot"); }
    QString synopsis() const override { return QStringLiteral("--scratch KEY [--db auto|PATH|off]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
