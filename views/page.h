#pragma once

#include <QString>

namespace strata {

class ActionRegistry;

// What the main window asks of each of its pages: Refresh (F5) reloads the page in front, and
// the page's own actions go into the window's one registry, which shows them in the Edit menu
// or in a menu named after the page while the page is in front.
class Page
{
public:
    virtual ~Page() = default;

    virtual void refreshPage() = 0;
    // The title of the page's own menu ("&Image"); empty for a page with no actions of its own.
    virtual QString menuTitle() const { return {}; }
    virtual void registerActions(ActionRegistry &registry) { (void)registry; }
};

} // namespace strata
