#pragma once

#include "core/result.h"
#include "snapshots/snapshotfolder.h"

#include <QCommandLineParser>
#include <QList>

namespace strata::ctl {

class Context;

// Where `snapshots` and `folders` learn folder numbers: through the API (temporary views).
class FolderSource
{
public:
    static void addOptions(QCommandLineParser &parser);
    static Result<QList<SnapshotFolder>> load(Context &context, const QCommandLineParser &parser);
};

} // namespace strata::ctl
