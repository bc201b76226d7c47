#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace strata {

// One event from containerd's Events service, its payload decoded into plain fields
// (e.g. topic "/snapshot/prepare" with {"key", "parent", "snapshotter"}).
struct EventEnvelope
{
    QDateTime timestamp;
    QString ns;
    QString topic;
    QString type; // the payload's message name, e.g. containerd.events.SnapshotPrepare
    QVariantMap fields;
};

} // namespace strata

Q_DECLARE_METATYPE(strata::EventEnvelope)
