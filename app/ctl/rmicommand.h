#pragma once

#include "command.h"

namespace strata::ctl {

class RmiCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("rmi"); }
    QString summary() const override
    {
        return QStringLiteral("remove images; the collector takes content and snapshots only they kept");
    }
    QString synopsis() const override { return QStringLiteral("[--force] REF..."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
