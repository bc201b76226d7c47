#pragma once

#include "command.h"

namespace strata::ctl {

// `files IMAGE [--layer N]`: what a container of the image sees, path by path, with the layer
// each path comes from and the versions it shadows, then what the layers removed and dive's
// efficiency figures; or, with --layer, what that one layer changes (whiteouts included).
class FilesCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("files"); }
    QString summary() const override { return QStringLiteral("the files an image's layers make, and which layer wins"); }
    QString synopsis() const override { return QStringLiteral("IMAGE [--layer N]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
