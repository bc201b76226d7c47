#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace strata {

class EventWatcher;
class Session;

// For views that reload a whole list rather than apply each event: says changed() once per
// burst of containerd events under `topics` in the session's namespace, and also when the
// list may have changed unseen (after an outage, on (re)connecting, on another namespace).
// Events about Strata's own temporary views are not changes. Follows the session's
// connection; an outage is the watcher's to ride out.
class SessionChanges : public QObject
{
    Q_OBJECT
public:
    SessionChanges(Session *session, QStringList topics, QObject *parent = nullptr);

Q_SIGNALS:
    void changed();

private:
    void ensureWatching();

    Session *m_session;
    QStringList m_topics;
    EventWatcher *m_watcher;
    QTimer m_burst;
    quint64 m_watchedGeneration = 0;
};

} // namespace strata
