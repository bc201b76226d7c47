#pragma once

#include "command.h"

namespace strata::ctl {

// `compose --scratch KEY --os windows|linux [-- ARGS...]`: a config.json for that scratch,
// its stack in the valid order (Windows: the field report's shape; Linux: ctr's default spec).
class ComposeCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("compose"); }
    QString summary() const override { return QStringLiteral("print a config.json for a scratch snapshot (Windows shape or Linux spec)"); }
    QString synopsis() const override { return QStringLiteral("--scratch KEY --os windows|linux [--image REF] [-- ARGS...]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
