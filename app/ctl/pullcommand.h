#pragma once

#include "command.h"

namespace strata::ctl {

class PullCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("pull"); }
    QString summary() const override
    {
        return QStringLiteral("pull an image from a registry into the content store and unpack it");
    }
    QString synopsis() const override { return QStringLiteral("[--plain-http] [--ca-file F] [--user U[:P]] [--platform P] REF"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
