#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// An image record: a name pointing at a target (an index or a manifest), as containerd's
// Images service reports it and as its meta.db stores it (`v1/<namespace>/images/<name>`).
struct ImageRecord
{
    QString name; // e.g. "docker.io/library/busybox:latest"
    QString mediaType; // of the target
    QString digest;    // of the target
    qint64 size = 0;   // of the target
    QMap<QString, QString> labels;
    QDateTime created; // UTC
    QDateTime updated;
    QString namespaceName; // filled where the source spans namespaces (meta.db)

    bool operator==(const ImageRecord &) const = default;
};

} // namespace strata
