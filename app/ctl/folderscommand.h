#pragma once

#include "command.h"

namespace strata::ctl {

class FoldersCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("folders"); }
    QString summary() const override { return QStringLiteral("every snapshot with its numbered folder; --image for one image's layers"); }
    QString synopsis() const override { return QStringLiteral("[--image REF]"); }
    void addOptions(QCommandLineParser &parser) override;
    int run(Context &context, const QCommandLineParser &parser) override;
};

} // namespace strata::ctl
