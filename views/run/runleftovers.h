#pragma once

#include <QString>
#include <QStringList>

namespace strata {

class RunController;

// What a run that could not be cleaned up left in containerd, in words: for the quit dialog
// and the Runs page's banner.
class RunLeftovers
{
public:
    // One line per thing, naming its id (empty: nothing left).
    static QStringList describe(const RunController &run);
    // How to remove them once containerd answers again.
    static QString advice();
};

} // namespace strata
