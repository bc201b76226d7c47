#pragma once

#include "command.h"

namespace strata::ctl {

// `stratactl run`: a container with its output streamed to this terminal, like `ctr run`.
class RunCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override { return QStringLiteral("run a container, streaming its output (like ctr run)"); }
    QString synopsis() const override
    {
        return QStringLiteral("IMAGE ID [-- ARGS...] | --config CONFIG ID | --stack FOLDERS ID [-- ARGS...]");
    }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
