#pragma once

#include "command.h"

namespace strata::ctl {

class TagCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("tag"); }
    QString summary() const override { return QStringLiteral("give an image another name (the same target)"); }
    QString synopsis() const override { return QStringLiteral("[--force] SRC DST"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
