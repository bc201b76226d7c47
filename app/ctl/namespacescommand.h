#pragma once

#include "command.h"

namespace strata::ctl {

class NamespacesCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("namespaces"); }
    QString summary() const override { return QStringLiteral("list namespaces"); }
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
