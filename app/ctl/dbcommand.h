#pragma once

#include "command.h"

namespace strata::ctl {

// `db snapshots PATH` and `db images ROOT`: containerd's bolt databases read offline, without
// a daemon (a stopped one, or a copy from another host, Windows included).
class DbCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("db"); }
    QString summary() const override { return QStringLiteral("read metadata.db / meta.db offline: db snapshots PATH, db images ROOT"); }
    QString synopsis() const override { return QStringLiteral("snapshots PATH | images ROOT"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
