#pragma once

#include <QDateTime>
#include <QMap>
#include <QString>

namespace strata {

// An image as containerd's meta.db stores it (`v1/<namespace>/images/<name>`).
struct ImageRecord
{
    QString namespaceName;
    QString name;         // e.g. "docker.io/library/busybox:latest"
    QString targetDigest; // the manifest or index digest
    QString targetMediaType;
    qint64 targetSize = 0;
    QMap<QString, QString> labels;
    QDateTime created; // UTC
    QDateTime updated;

    bool operator==(const ImageRecord &) const = default;
};

} // namespace strata
