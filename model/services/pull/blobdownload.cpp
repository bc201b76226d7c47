#include "pull/blobdownload.h"

#include "client/contentservice.h"
#include "client/contentwriter.h"
#include "registry/registryclient.h"

#include <QElapsedTimer>

namespace strata {

namespace {

// A connection cut this many times in a row for one blob is not a blip.
constexpr int kAttempts = 5;
// Progress at most this often per blob, so a fast pull does not flood the views.
constexpr qint64 kProgressMs = 100;

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
    auto writer = ContentWriter::open(m_client, ref, bytes.size(), blob.digest, m_lease);
    if (!writer)
        return writer.error().is(Error::AlreadyExists) ? Result<bool>(false) : Result<bool>(writer.error());
    if (auto written = (*writer)->write(QByteArrayView(bytes).sliced((*writer)->offset())); !written)
        return written.error();
    if (auto committed = (*writer)->commit(labels); !committed)
        return refuse(ref, blob, QStringLiteral("the registry"), committed.error()).error();
    return true;
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
        auto writer = ContentWriter::open(m_client, ref, blob.size, blob.digest, m_lease);
        if (!writer)
            return writer.error().is(Error::AlreadyExists) ? Result<bool>(false) : Result<bool>(writer.error());
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
        if (auto committed = w.commit(labels); !committed)
            return refuse(ref, blob, registry.host(), committed.error()).error();
        return true;
    }
    return Error{Error::Unavailable, QStringLiteral("the connection to %1 was cut %2 times while reading %3; the last "
                                                    "time: %4")
                                         .arg(registry.host()).arg(kAttempts).arg(blob.digest, last.message), Error::Origin::Registry};
}

} // namespace strata
