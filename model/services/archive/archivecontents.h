#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace strata {

// What an image archive held once its blobs are in the content store: the small documents
// that say what the blobs are, and where each file went.
struct ArchiveContents
{
    struct Blob
    {
        QString digest;
        qint64 size = 0;
        QByteArray head; // the first bytes, which say whether a layer is compressed
    };

    QString layoutVersion;     // oci-layout's imageLayoutVersion; empty when the file is absent
    QByteArray index;          // index.json
    QByteArray dockerManifest; // docker's manifest.json
    QHash<QString, Blob> blobs; // by clean path inside the archive, symlinks resolved
};

} // namespace strata
