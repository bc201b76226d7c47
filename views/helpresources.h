#pragma once

namespace strata {

// strata.qrc is compiled into the static strata_views library, where the linker drops its
// registration unless something references it; the dialogs that show icons and help pages
// call this first.
class HelpResources
{
public:
    static void ensureLoaded();
};

} // namespace strata
