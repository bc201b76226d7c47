#pragma once

#include <QList>
#include <QString>

class QAction;

namespace strata {

// What the main window asks of each of its pages: Refresh (F5) reloads the page in front, and
// the page's own actions appear once, with their shortcuts, in a menu named after the page.
class Page
{
public:
    virtual ~Page() = default;

    virtual void refreshPage() = 0;
    // The menu title ("&Image"); empty for a page with no actions of its own.
    virtual QString menuTitle() const { return {}; }
    virtual QList<QAction *> pageActions() const { return {}; }
};

} // namespace strata
