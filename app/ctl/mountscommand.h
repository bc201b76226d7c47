#pragma once

#include "command.h"

namespace strata::ctl {

class MountsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("mounts"); }
    QString summary() const override { return QStringLiteral("an active or view snapshot's mounts, as ctr prints them"); }
    QString synopsis() const override { return QStringLiteral("KEY"); }
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
