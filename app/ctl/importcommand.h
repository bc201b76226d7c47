#pragma once

#include "command.h"

namespace strata::ctl {

class ImportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override
    {
        return QStringLiteral("import images from an OCI layout or docker save archive (tar, maybe compressed) and unpack them");
    }
    QString synopsis() const override { return QStringLiteral("[--base-name NAME] [--no-unpack] FILE"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
