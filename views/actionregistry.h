#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace strata {

// Every action of the main window, registered once with an id, the menu it appears in and the
// page it belongs to (none: window-wide). The window builds its menus from here, so each
// toolbar and context action also has a menu entry with its shortcut shown, and clashes()
// finds two actions that could both take the same key.
class ActionRegistry
{
public:
    enum class Menu { File, Edit, View, Page, Help };

    struct Entry
    {
        QString id;
        QAction *action = nullptr;
        Menu menu = Menu::Page;
        const QWidget *page = nullptr; // only active while this page is in front
    };

    // Names the action `id` (its objectName, for tests and scripts) and returns it.
    QAction *add(const QString &id, QAction *action, Menu menu, const QWidget *page = nullptr);
    QAction *find(const QString &id) const;
    // In registration order: the window-wide ones with `page` null, else that page's.
    QList<QAction *> actions(Menu menu, const QWidget *page) const;
    const QList<Entry> &entries() const { return m_entries; }

    // "Ctrl+O: file.openRoot and editor.open", for each key two actions share while both can
    // fire: both window-wide, one window-wide and one on a page, or both on the same page.
    QStringList clashes() const;

private:
    QList<Entry> m_entries;
};

} // namespace strata
