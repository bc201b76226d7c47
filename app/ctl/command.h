#pragma once

#include <QCommandLineParser>
#include <QString>

namespace strata::ctl {

class Context;

// One stratactl subcommand. Options are added to a parser that already knows the global ones.
class Command
{
public:
    virtual ~Command() = default;

    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // e.g. "KEY" or "[--tree]"; shown in help.
    virtual QString synopsis() const { return {}; }
    virtual void addOptions(QCommandLineParser &) {}
    // Returns the process exit code: 0 ok, 1 containerd or domain error, 2 usage error.
    virtual int run(Context &context, const QCommandLineParser &parser) = 0;
};

} // namespace strata::ctl
