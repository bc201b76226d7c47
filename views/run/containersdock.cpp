#include "run/containersdock.h"

#include "client/client.h"
#include "client/containersservice.h"
#include "client/tasksservice.h"
#include "run/runengine.h"
#include "run/runjanitor.h"
#include "session/session.h"
#include "session/sessionchanges.h"

#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata {

namespace {

QString statusText(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Created:
        return QObject::tr("created");
    case TaskStatus::Running:
        return QObject::tr("running");
    case TaskStatus::Stopped:
        return QObject::tr("stopped");
    case TaskStatus::Paused:
        return QObject::tr("paused");
    case TaskStatus::Pausing:
        return QObject::tr("pausing");
    case TaskStatus::Unknown:
        break;
    }
    return QObject::tr("unknown");
}

} // namespace

ContainersDock::ContainersDock(Session *session, QWidget *parent)
    : QDockWidget(tr("Containers"), parent)
    , m_session(session)
    , m_tree(new QTreeWidget)
    , m_delete(new QPushButton(tr("Delete…")))
    , m_cleanup(new QPushButton(tr("Clean up finished Strata runs")))
    , m_changes(new SessionChanges(session, {QStringLiteral("/containers/"), QStringLiteral("/tasks/")}, this))
{
    setObjectName(QStringLiteral("containersDock"));
    m_delete->setObjectName(QStringLiteral("containersDelete"));
    m_cleanup->setObjectName(QStringLiteral("containersCleanup"));
    m_tree->setHeaderLabels({tr("Container"), tr("Image"), tr("Task"), tr("Exit")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_delete);
    buttons->addWidget(m_cleanup);
    buttons->addStretch();
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);
    setWidget(body);

    connect(m_delete, &QPushButton::clicked, this, &ContainersDock::deleteSelected);
    connect(m_cleanup, &QPushButton::clicked, this, &ContainersDock::cleanupFinished);
    connect(m_changes, &SessionChanges::changed, this, &ContainersDock::reload);
    if (m_session->client())
        reload();
}

void ContainersDock::reload()
{
    m_session->call(this,
        [](const std::shared_ptr<const Client> &client) -> Result<Snapshot> {
            auto containers = ContainersService(client).list();
            if (!containers)
                return containers.error();
            auto tasks = TasksService(client).list();
            if (!tasks)
                return tasks.error();
            return Snapshot{*containers, *tasks};
        },
        [this](Result<Snapshot> result) {
            if (!result) {
                m_session->reportError(result.error());
                return;
            }
            show(*result);
        });
}

void ContainersDock::show(const Snapshot &snapshot)
{
    QHash<QString, TaskRecord> tasks;
    for (const auto &t : snapshot.tasks)
        tasks.insert(t.id, t);
    QStringList selected;
    for (const auto *item : m_tree->selectedItems())
        selected << item->text(0);
    m_tree->clear();
    for (const auto &c : snapshot.containers) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, c.id);
        item->setText(1, c.image);
        if (tasks.contains(c.id)) {
            const TaskRecord &t = tasks.value(c.id);
            item->setText(2, statusText(t.status));
            if (t.status == TaskStatus::Stopped)
                item->setText(3, QString::number(t.exitStatus));
        } else {
            item->setText(2, tr("no task"));
        }
        if (c.labels.contains(RunEngine::RunLabel))
            item->setToolTip(0, tr("started by Strata"));
        item->setSelected(selected.contains(c.id));
    }
}

void ContainersDock::deleteSelected()
{
    QStringList ids;
    for (const auto *item : m_tree->selectedItems())
        ids << item->text(0);
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete containers"),
        tr("Delete %n container(s) with their tasks and snapshots?\n%1", nullptr, int(ids.size())).arg(ids.join(QLatin1Char('\n'))),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_session->call(this,
        [ids](const std::shared_ptr<const Client> &client) -> Status {
            for (const QString &id : ids) {
                if (auto removed = RunJanitor::removeContainer(client, id, true); !removed)
                    return removed;
            }
            return success();
        },
        [this](Status status) {
            if (!status)
                QMessageBox::warning(this, tr("Delete containers"), m_session->describe(status.error()));
            reload();
        });
}

void ContainersDock::cleanupFinished()
{
    // Kept runs are containers the user chose to keep: removing them is asked, like Delete.
    const auto answer = QMessageBox::question(
        this, tr("Clean up finished Strata runs"),
        tr("Remove every container Strata started whose task has ended, with its snapshot? "
           "Running containers and containers Strata did not start are left alone."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_session->call(this,
        [](const std::shared_ptr<const Client> &client) { return RunJanitor::cleanupFinished(client); },
        [this](Result<QStringList> removed) {
            if (!removed)
                QMessageBox::warning(this, tr("Clean up"), m_session->describe(removed.error()));
            reload();
        });
}

} // namespace strata
