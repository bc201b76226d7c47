#pragma once

#include "command.h"

namespace strata::ctl {

class UnpackCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("unpack"); }
    QString summary() const override
    {
        return QStringLiteral("unpack an image's layers from the content store into the snapshotter");
    }
    QString synopsis() const override { return QStringLiteral("REF"); }
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
