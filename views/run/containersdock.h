#pragma once

#include "types/records.h"

#include <QDockWidget>

class QPushButton;
class QTreeWidget;

namespace strata {

class Session;
class SessionChanges;

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

    void show(const Snapshot &snapshot);
    void deleteSelected();
    void cleanupFinished();

    Session *m_session;
    QTreeWidget *m_tree;
    QPushButton *m_delete;
    QPushButton *m_cleanup;
    SessionChanges *m_changes;
};

} // namespace strata
