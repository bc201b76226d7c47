#pragma once

#include "command.h"

namespace strata::ctl {

class SnapshotsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("snapshots"); }
    QString summary() const override { return QStringLiteral("list snapshots with their folder numbers"); }
    QString synopsis() const override { return QStringLiteral("[--tree]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
