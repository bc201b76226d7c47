#include "helpresources.h"

#include <QtGlobal>

#include <mutex>

// Q_INIT_RESOURCE declares a function and must not sit inside a namespace.
static void initStrataResources()
{
    Q_INIT_RESOURCE(strata);
}

namespace strata {

void HelpResources::ensureLoaded()
{
    static std::once_flag once;
    std::call_once(once, initStrataResources);
}

} // namespace strata
