#pragma once

#include "command.h"

namespace strata::ctl {

class VersionCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("version"); }
    QString summary() const override { return QStringLiteral("client and server version"); }
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
