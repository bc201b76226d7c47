#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

struct archive;

namespace strata {

class Client;

// A tar file written entry by entry with libarchive, blobs streamed from the content store and
// checked against their digests on the way: what an OCI layout archive is made of. Entries
// carry no owner and time, so the same images give the same file.
class LayoutWriter
{
public:
    using Progress = std::function<void(qint64 bytes)>;

    explicit LayoutWriter(std::shared_ptr<const Client> client);
    ~LayoutWriter();
    LayoutWriter(const LayoutWriter &) = delete;
    LayoutWriter &operator=(const LayoutWriter &) = delete;

    Status open(const QString &file);
    Status addDirectory(const QString &path);
    Status addFile(const QString &path, const QByteArray &bytes);
    // DataLoss when the store's bytes do not have `digest`; Cancelled between chunks.
    Status addBlob(const QString &path, const QString &digest, qint64 size, const std::atomic_bool *cancel,
                   const Progress &progress);
    Status close();

private:
    Status header(const QString &path, unsigned type, int mode, qint64 size);
    Error failure(const QString &what) const;

    std::shared_ptr<const Client> m_client;
    archive *m_archive = nullptr;
    QString m_file;
};

} // namespace strata
