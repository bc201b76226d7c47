#pragma once

#include "types/imagerecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace strata {

class Client;

// One row of the Images page: the record and what its content says about it. The record's
// own size is only the target's (a manifest of a few hundred bytes); `size` is what the image
// takes in the content store, `unpacked` what its snapshots take on disk.
struct ImageSummary
{
    ImageRecord record;
    qint64 size = -1;     // config + layers as stored (compressed); -1 when unreadable
    qint64 unpacked = -1; // the layers' snapshot usage, summed; -1 when not unpacked
    QStringList platforms;
    int layers = -1;
    QString topChainId;
    QString problem; // why size or layers are unknown (content missing, say)

    // Reads the content and the snapshot usage through containerd (blocking: a worker's job).
    static ImageSummary load(const std::shared_ptr<const Client> &client, const ImageRecord &record,
                             const QString &snapshotter);
    static QList<ImageSummary> loadAll(const std::shared_ptr<const Client> &client, const QList<ImageRecord> &records,
                                       const QString &snapshotter);
};

} // namespace strata
