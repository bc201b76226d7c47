#pragma once

#include "command.h"

namespace strata::ctl {

class ImagesCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("images"); }
    QString summary() const override { return QStringLiteral("list images with digest, media type, size and platforms"); }
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
