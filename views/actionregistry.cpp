#include "actionregistry.h"

#include <QAction>

namespace strata {

QAction *ActionRegistry::add(const QString &id, QAction *action, Menu menu, const QWidget *page)
{
    Q_ASSERT(!find(id));
    action->setObjectName(id);
    m_entries.append({id, action, menu, page});
    return action;
}

QAction *ActionRegistry::find(const QString &id) const
{
    for (const Entry &e : m_entries) {
        if (e.id == id)
            return e.action;
    }
    return nullptr;
}

QList<QAction *> ActionRegistry::actions(Menu menu, const QWidget *page) const
{
    QList<QAction *> out;
    for (const Entry &e : m_entries) {
        if (e.menu == menu && e.page == page)
            out << e.action;
    }
    return out;
}

QStringList ActionRegistry::clashes() const
{
    QStringList out;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        for (qsizetype j = i + 1; j < m_entries.size(); ++j) {
            const Entry &a = m_entries[i];
            const Entry &b = m_entries[j];
            if (a.page && b.page && a.page != b.page)
                continue; // pages are never in front together
            for (const QKeySequence &key : a.action->shortcuts()) {
                if (!key.isEmpty() && b.action->shortcuts().contains(key))
                    out << QStringLiteral("%1: %2 and %3").arg(key.toString(QKeySequence::NativeText), a.id, b.id);
            }
        }
    }
    return out;
}

} // namespace strata
