#pragma once

#include "command.h"

namespace strata::ctl {

// `validate CONFIG`: the layer stack of a config.json checked against the snapshot store.
// Exit 0 valid; 1 with one `rule-id: sentence` line per violation; 2 when unreadable.
class ValidateCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("validate"); }
    QString summary() const override { return QStringLiteral("check a config.json's layerFolders (or lowerdir annotation) against the snapshots"); }
    QString synopsis() const override { return QStringLiteral("CONFIG [--db auto|PATH|off]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
