#pragma once

#include "core/result.h"
#include "registry/registryoptions.h"
#include "registry/remoteobject.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkRequest;

namespace strata {

class TokenCache;

// One repository of one registry over the distribution API (v2): manifests and blobs, with
// bearer or basic auth as the registry's challenge asks, TLS, and redirects to blob storage
// (which never get the registry's Authorization header). Calls block; they run the network on
// a local event loop, so a client belongs to the thread that made it and must not be used from
// the GUI thread.
class RegistryClient
{
public:
    // Gets each piece of a blob as it arrives; an error stops the transfer.
    using Sink = std::function<Status(QByteArrayView data)>;

    RegistryClient(QString host, QString repository, RegistryOptions options, std::shared_ptr<TokenCache> tokens);
    ~RegistryClient();

    const QString &host() const { return m_host; }
    const std::shared_ptr<TokenCache> &tokens() const { return m_tokens; }

    // HEAD on the manifest (GET when the registry does not say the digest): a tag or a digest.
    Result<RemoteObject> resolve(const QString &object);
    // A manifest or index by digest, checked against it.
    Result<QByteArray> fetchManifest(const RemoteObject &object);
    // A small blob (a config) whole, checked against its digest.
    Result<QByteArray> fetchBlob(const RemoteObject &object, qint64 maxBytes);
    // A blob from `offset` on, piece by piece. A connection cut mid-way is Error::Aborted with
    // the count delivered; the caller resumes from what it has.
    Status streamBlob(const RemoteObject &object, qint64 offset, const Sink &sink, const std::atomic_bool *cancel);

private:
    struct Exchange;
    Exchange send(const QByteArray &verb, const QUrl &url, const QByteArray &accept, qint64 offset,
                  const QByteArray &authorization, const Sink *sink,
                  const std::atomic_bool *cancel);
    Exchange request(const QByteArray &verb, const QString &path, const QByteArray &accept, qint64 offset,
                     const Sink *sink, const std::atomic_bool *cancel);
    Status authenticate(const Exchange &challenged);
    Result<QByteArray> fetchChecked(const QString &path, const RemoteObject &object, qint64 maxBytes,
                                    const QByteArray &accept);
    Error failure(const Exchange &e, const QString &what) const;
    QNetworkRequest makeRequest(const QUrl &url, const QByteArray &accept, qint64 offset,
                                const QByteArray &authorization) const;
    QString scope() const;

    QString m_host;
    QString m_repository;
    RegistryOptions m_options;
    std::optional<RegistryCredentials> m_credentials;
    std::shared_ptr<TokenCache> m_tokens;
    QByteArray m_authorization;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace strata
