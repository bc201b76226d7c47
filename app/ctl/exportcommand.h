#pragma once

#include "command.h"

namespace strata::ctl {

class ExportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override
    {
        return QStringLiteral("write images to an OCI layout archive with docker's manifest.json (as ctr images export)");
    }
    QString synopsis() const override { return QStringLiteral("[--platform P] [--all-platforms] FILE REF..."); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
