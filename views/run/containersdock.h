#pragma once

#include "types/records.h"

#include <QDockWidget>
#include <QTimer>

class QPushButton;
class QTreeWidget;

namespace strata {

class EventWatcher;
class Session;

// The containers and tasks of the session's namespace, reloaded when containerd reports a
// container or task event, with Delete (asks first) and "Clean up finished Strata runs".
class ContainersDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ContainersDock(Session *session, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }

public Q_SLOTS:
    void reload();

private:
    struct Snapshot
    {
        QList<ContainerRecord> containers;
        QList<TaskRecord> tasks;
    };

    // Follows the session's connection; a reconnect after an outage is the watcher's own.
    void ensureWatching();
    void show(const Snapshot &snapshot);
    void deleteSelected();
    void cleanupFinished();

    Session *m_session;
    QTreeWidget *m_tree;
    QPushButton *m_delete;
    QPushButton *m_cleanup;
    QTimer m_debounce;
    EventWatcher *m_watcher;
    quint64 m_watchedGeneration = 0;
};

} // namespace strata
