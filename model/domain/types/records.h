#pragma once

#include "types/imagerecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>
#include <QStringList>

// Domain records for what containerd's services report: plain values, no wire types.
namespace strata {

struct VersionInfo
{
    QString version;
    QString revision;
};

struct NamespaceRecord
{
    QString name;
    QMap<QString, QString> labels;
};

struct PluginRecord
{
    QString type; // e.g. io.containerd.snapshotter.v1
    QString id;   // e.g. overlayfs
    QStringList requiredPlugins;
    QMap<QString, QString> exports; // a snapshotter exports its root
    QStringList capabilities;
    QString initError; // empty when the plugin loaded
};

struct ContentRecord
{
    QString digest;
    qint64 size = 0;
    QMap<QString, QString> labels;
    QDateTime created;
    QDateTime updated;
};

struct ContainerRecord
{
    QString id;
    QMap<QString, QString> labels;
    QString image;
    QString runtime = QStringLiteral("io.containerd.runc.v2");
    QByteArray spec; // OCI runtime spec JSON
    QString snapshotter;
    QString snapshotKey;
    QDateTime created;
    QDateTime updated;
};

enum class TaskStatus { Unknown, Created, Running, Stopped, Paused, Pausing };

struct TaskRecord
{
    QString id; // the container id
    quint32 pid = 0;
    TaskStatus status = TaskStatus::Unknown;
    quint32 exitStatus = 0;
    QDateTime exitedAt;
};

struct TaskExit
{
    quint32 exitStatus = 0;
    QDateTime exitedAt;
};

struct LeaseRecord
{
    QString id;
    QMap<QString, QString> labels;
    QDateTime created;
};

} // namespace strata
