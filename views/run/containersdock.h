#pragma once

#include "types/records.h"

#include <QDockWidget>
#include <QTimer>

#include <memory>
#include <thread>

class QPushButton;
class QTreeWidget;

namespace strata {

class EventSubscription;
class Session;

// The containers and tasks of the session's namespace, reloaded when containerd reports a
// container or task event, with Delete (asks first) and "Clean up finished Strata runs".
class ContainersDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ContainersDock(Session *session, QWidget *parent = nullptr);
    ~ContainersDock() override;

    QTreeWidget *tree() const { return m_tree; }

public Q_SLOTS:
    void reload();

private:
    struct Snapshot
    {
        QList<ContainerRecord> containers;
        QList<TaskRecord> tasks;
    };

    void subscribe();
    void unsubscribe();
    void show(const Snapshot &snapshot);
    void deleteSelected();
    void cleanupFinished();

    Session *m_session;
    QTreeWidget *m_tree;
    QPushButton *m_delete;
    QPushButton *m_cleanup;
    QTimer m_debounce;
    std::shared_ptr<EventSubscription> m_subscription;
    std::thread m_events;
};

} // namespace strata
