#include "pull/blobdownload.h"

#include "client/contentservice.h"
#include "client/contentwriter.h"
#include "registry/registryclient.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace strata {

namespace {

// A connection cut this many times in a row for one blob is not a blip.
constexpr int kAttempts = 5;
// Progress at most this often per blob, so a fast pull does not flood the views.
constexpr qint64 kProgressMs = 100;
// How long to wait for another pull that is writing the same blob.
constexpr qint64 kLockedMs = 5 * 60 * 1000;

} // namespace

BlobDownload::BlobDownload(std::shared_ptr<const Client> client, QString lease)
    : m_client(std::move(client))
    , m_lease(std::move(lease))
{
}

Result<bool> BlobDownload::present(const RemoteObject &blob, const QMap<QString, QString> &labels) const
{
    ContentService content(m_client);
    auto info = content.info(blob.digest);
    if (!info)
        return info.error().is(Error::NotFound) ? Result<bool>(false) : Result<bool>(info.error());
    if (auto labelled = content.setLabels(blob.digest, labels); !labelled)
        return labelled.error();
    return true;
}

Result<std::unique_ptr<ContentWriter>> BlobDownload::open(const QString &ref, qint64 size, const RemoteObject &blob,
                                                         const QMap<QString, QString> &labels,
                                                         const std::atomic_bool *cancel) const
{
    QElapsedTimer waited;
    waited.start();
    for (int pause = 10;; pause = std::min(pause * 2, 500)) {
        auto writer = ContentWriter::open(m_client, ref, size, blob.digest, m_lease);
        if (writer)
            return std::move(*writer);
        const Error &e = writer.error();
        // Another pull (of another image with this layer) holds the ref: as containerd's own
        // client does, wait for it, and take what it stored.
        const bool locked = e.is(Error::Unavailable) && e.message.contains(QLatin1String("locked"));
        if (!e.is(Error::AlreadyExists) && !locked)
            return e;
        if (cancel && *cancel)
            return Error{Error::Cancelled, {}};
        if (locked && waited.elapsed() > kLockedMs)
            return Error{Error::Unavailable, QStringLiteral("%1 stayed locked by another writer for %2 minutes")
                                                 .arg(blob.digest).arg(kLockedMs / 60000)};
        if (locked)
            QThread::msleep(ulong(pause));
        auto had = present(blob, labels);
        if (!had)
            return had.error();
        if (*had)
            return std::unique_ptr<ContentWriter>();
    }
}

Result<bool> BlobDownload::committed(ContentWriter &writer, const QString &ref, const RemoteObject &blob, const QString &host,
                                     const QMap<QString, QString> &labels) const
{
    auto done = writer.commit(labels);
    if (done)
        return true;
    // Committed meanwhile by another pull whose writer was not on this ref.
    if (done.error().is(Error::AlreadyExists)) {
        auto had = present(blob, labels);
        return had ? Result<bool>(false) : Result<bool>(had.error());
    }
    return refuse(ref, blob, host, done.error()).error();
}

Status BlobDownload::refuse(const QString &ref, const RemoteObject &blob, const QString &host, const Error &why) const
{
    ContentService(m_client).abort(ref); // a blob that fails its digest is kept nowhere
    if (why.is(Error::FailedPrecondition) || why.is(Error::DataLoss) || why.is(Error::InvalidArgument))
        return Error{Error::DataLoss, QStringLiteral("%1 from %2 does not match its digest or size (%3); it was refused and "
                                                     "nothing of it was kept")
                                          .arg(blob.digest, host, why.message), Error::Origin::Registry};
    return why;
}

Result<bool> BlobDownload::store(const QByteArray &bytes, const RemoteObject &blob, const QString &kind,
                                 const QMap<QString, QString> &labels) const
{
    auto had = present(blob, labels);
    if (!had || *had)
        return had ? Result<bool>(false) : had;
    const QString ref = kind + QLatin1Char('-') + blob.digest;
    auto writer = open(ref, bytes.size(), blob, labels, nullptr);
    if (!writer)
        return writer.error();
    if (!*writer)
        return false;
    if (auto written = (*writer)->write(QByteArrayView(bytes).sliced((*writer)->offset())); !written)
        return written.error();
    return committed(**writer, ref, blob, QStringLiteral("the registry"), labels);
}

Result<bool> BlobDownload::fetch(RegistryClient &registry, const RemoteObject &blob, const QString &kind,
                                 const QMap<QString, QString> &labels, const std::atomic_bool *cancel,
                                 const Progress &progress) const
{
    auto had = present(blob, labels);
    if (!had || *had)
        return had ? Result<bool>(false) : had;
    const QString ref = kind + QLatin1Char('-') + blob.digest;
    Error last{Error::Unknown, {}};
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        auto writer = open(ref, blob.size, blob, labels, cancel);
        if (!writer)
            return writer.error();
        if (!*writer)
            return false;
        ContentWriter &w = **writer;
        progress(PullEvent::Stage::Downloading, w.offset(), blob.size);
        QElapsedTimer since;
        since.start();
        Status streamed = success();
        if (blob.size < 0 || w.offset() < blob.size) {
            streamed = registry.streamBlob(blob, w.offset(), [&](QByteArrayView data) -> Status {
                if (blob.size >= 0 && w.offset() + data.size() > blob.size)
                    return Error{Error::DataLoss, QStringLiteral("more than the %1 bytes the manifest says").arg(blob.size), Error::Origin::Registry};
                auto written = w.write(data);
                if (written && since.elapsed() >= kProgressMs) {
                    progress(PullEvent::Stage::Downloading, w.offset(), blob.size);
                    since.restart();
                }
                return written;
            }, cancel);
        }
        if (!streamed && streamed.error().is(Error::Aborted)) {
            last = streamed.error();
            continue; // the store keeps what it got; the next writer starts there
        }
        if (!streamed)
            return streamed.error().is(Error::DataLoss) ? refuse(ref, blob, registry.host(), streamed.error()).error()
                                                        : streamed.error();
        progress(PullEvent::Stage::Verifying, w.offset(), blob.size);
        return committed(w, ref, blob, registry.host(), labels);
    }
    return Error{Error::Unavailable, QStringLiteral("the connection to %1 was cut %2 times while reading %3; the last "
                                                    "time: %4")
                                         .arg(registry.host()).arg(kAttempts).arg(blob.digest, last.message), Error::Origin::Registry};
}

} // namespace strata
