#include "registry/registryclient.h"

#include "registry/authchallenge.h"
#include "registry/tokencache.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

namespace strata {

namespace {

// What one readyRead hands on at most; with the reply's read buffer it bounds what a blob in
// flight holds in memory.
constexpr qint64 kReadBuffer = 512 * 1024;
// Error bodies and manifests are small; this stops a wrong endpoint from filling memory.
constexpr qsizetype kMaxBody = 16 * 1024 * 1024;
constexpr int kMaxRedirects = 5;

const QByteArray kManifestTypes = QByteArrayLiteral(
    "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json, "
    "application/vnd.docker.distribution.manifest.v2+json, */*;q=0.1");

bool isSuccess(int status) { return status >= 200 && status < 300; }

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString sha256Digest(const QByteArray &bytes)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace

struct RegistryClient::Exchange
{
    int status = 0;
    QNetworkReply::NetworkError network = QNetworkReply::NoError;
    QString networkText;
    QHash<QByteArray, QByteArray> headers; // names in lowercase
    QByteArray body;                       // when there is no sink, or the status is not 2xx
    qint64 delivered = 0;                  // bytes handed to the sink
    std::optional<Error> error;            // the sink's, or Strata's own (a CA file, cancel)
};

RegistryClient::RegistryClient(QString host, QString repository, RegistryOptions options, std::shared_ptr<TokenCache> tokens)
    : m_host(std::move(host))
    , m_repository(std::move(repository))
    , m_options(std::move(options))
    , m_credentials(m_options.credentials ? m_options.credentials : RegistryCredentials::fromDockerConfig(m_host))
    , m_tokens(std::move(tokens))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    m_authorization = m_tokens->authorization(m_host + QLatin1Char(' ') + scope());
}

RegistryClient::~RegistryClient() = default;

QString RegistryClient::scope() const
{
    return QStringLiteral("repository:%1:pull").arg(m_repository);
}

QNetworkRequest RegistryClient::makeRequest(const QUrl &url, const QByteArray &accept, qint64 offset,
                                            const QByteArray &authorization) const
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_options.timeoutMs);
    req.setRawHeader("User-Agent", "strata/" STRATA_VERSION);
    if (!accept.isEmpty())
        req.setRawHeader("Accept", accept);
    if (offset > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + '-');
    if (!authorization.isEmpty())
        req.setRawHeader("Authorization", authorization);
    if (url.scheme() == QLatin1String("https") && !m_options.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(m_options.caFile));
        req.setSslConfiguration(tls);
    }
    return req;
}

RegistryClient::Exchange RegistryClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &accept,
                                              qint64 offset, const QByteArray &authorization, const Sink *sink,
                                              const std::atomic_bool *cancel)
{
    Exchange e;
    std::unique_ptr<QNetworkReply> reply(verb == "HEAD" ? m_network->head(makeRequest(url, accept, offset, authorization))
                                                        : m_network->get(makeRequest(url, accept, offset, authorization)));
    reply->setReadBufferSize(kReadBuffer);
    qint64 skip = -1; // a server that ignores Range sends the blob from its start
    auto drain = [&] {
        if (e.status == 0)
            e.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        while (reply->bytesAvailable() > 0 && !e.error) {
            QByteArray chunk = reply->read(kReadBuffer);
            if (!sink || !isSuccess(e.status)) {
                if (e.body.size() + chunk.size() > kMaxBody) {
                    e.error = Error{Error::ResourceExhausted, QStringLiteral("%1 sent more than %2 bytes for %3")
                                                                  .arg(m_host).arg(kMaxBody).arg(url.path()), Error::Origin::Registry};
                    reply->abort();
                    return;
                }
                e.body += chunk;
                continue;
            }
            if (skip < 0)
                skip = (offset > 0 && e.status == 200) ? offset : 0;
            const qint64 dropped = std::min<qint64>(skip, chunk.size());
            skip -= dropped;
            if (dropped == chunk.size())
                continue;
            const QByteArrayView piece = QByteArrayView(chunk).sliced(dropped);
            if (auto taken = (*sink)(piece); !taken) {
                e.error = taken.error();
                reply->abort();
                return;
            }
            e.delivered += piece.size();
        }
    };
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, drain);
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer poll;
    if (cancel) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (*cancel && !e.error) {
                e.error = Error{Error::Cancelled, QStringLiteral("cancelled")};
                reply->abort();
            }
        });
        poll.start(50);
    }
    if (!reply->isFinished())
        loop.exec();
    drain();
    e.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    e.network = reply->error();
    e.networkText = reply->errorString();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        e.headers.insert(name.toLower(), value);
    return e;
}

RegistryClient::Exchange RegistryClient::request(const QByteArray &verb, const QString &path, const QByteArray &accept,
                                                 qint64 offset, const Sink *sink, const std::atomic_bool *cancel)
{
    if (!m_options.caFile.isEmpty() && QSslCertificate::fromPath(m_options.caFile).isEmpty()) {
        Exchange e;
        e.error = Error{Error::InvalidArgument, QStringLiteral("%1 holds no PEM certificate; --ca-file takes the CA that "
                                                               "signed the registry's certificate")
                                                    .arg(m_options.caFile), Error::Origin::Registry};
        return e;
    }
    const QUrl base(QStringLiteral("%1://%2").arg(m_options.plainHttp ? QStringLiteral("http") : QStringLiteral("https"), m_host));
    QUrl url(base.toString() + QStringLiteral("/v2/") + m_repository + path);
    int authentications = 0;
    int redirects = 0;
    for (;;) {
        // Storage behind a redirect gets its own signed URL; the registry's credentials stay here.
        const bool registry = url.host() == base.host() && url.port() == base.port();
        Exchange e = send(verb, url, accept, offset, registry ? m_authorization : QByteArray(), sink, cancel);
        if (e.status == 401 && registry && !e.error && authentications++ < 2) {
            if (auto ok = authenticate(e); !ok) {
                e.error = ok.error();
                return e;
            }
            continue;
        }
        if (isRedirect(e.status) && !e.error && redirects++ < kMaxRedirects) {
            url = url.resolved(QUrl(QString::fromLatin1(e.headers.value("location"))));
            continue;
        }
        return e;
    }
}

Status RegistryClient::authenticate(const Exchange &challenged)
{
    const AuthChallenge challenge = AuthChallenge::parse(challenged.headers.value("www-authenticate"));
    const QByteArray basic = m_credentials
        ? "Basic " + (m_credentials->user + QLatin1Char(':') + m_credentials->secret).toUtf8().toBase64()
        : QByteArray();
    const QByteArray before = m_authorization;
    if (challenge.scheme == QLatin1String("basic")) {
        if (!m_credentials)
            return failure(challenged, {});
        m_authorization = basic;
    } else if (challenge.scheme == QLatin1String("bearer")) {
        QUrl realm(challenge.params.value(QStringLiteral("realm")));
        if (!realm.isValid() || realm.scheme().isEmpty())
            return Error{Error::Unauthenticated, QStringLiteral("%1 asks for a token without saying where to get it").arg(m_host), Error::Origin::Registry};
        QUrlQuery query;
        if (challenge.params.contains(QStringLiteral("service")))
            query.addQueryItem(QStringLiteral("service"), challenge.params.value(QStringLiteral("service")));
        query.addQueryItem(QStringLiteral("scope"), challenge.params.value(QStringLiteral("scope"), scope()));
        realm.setQuery(query);
        const Exchange token = send("GET", realm, "application/json", 0, basic, nullptr, nullptr);
        if (token.error)
            return *token.error;
        if (token.status == 401 || token.status == 403) {
            Exchange refused;
            refused.status = token.status;
            return failure(refused, {});
        }
        if (!isSuccess(token.status))
            return failure(token, QStringLiteral("a token from %1").arg(realm.host()));
        const QJsonObject answer = QJsonDocument::fromJson(token.body).object();
        QString value = answer.value(QLatin1String("token")).toString();
        if (value.isEmpty())
            value = answer.value(QLatin1String("access_token")).toString();
        if (value.isEmpty())
            return Error{Error::Unauthenticated, QStringLiteral("the token server %1 gave no token").arg(realm.host()), Error::Origin::Registry};
        m_authorization = "Bearer " + value.toUtf8();
        m_tokens->store(m_host + QLatin1Char(' ') + scope(), m_authorization);
    } else {
        return Error{Error::Unimplemented,
                     QStringLiteral("%1 asks for \"%2\" authentication, which Strata does not speak").arg(m_host, challenge.scheme), Error::Origin::Registry};
    }
    if (m_authorization == before)
        return failure(challenged, {}); // the same credentials again would meet the same refusal
    return success();
}

Error RegistryClient::failure(const Exchange &e, const QString &what) const
{
    if (e.error)
        return *e.error;
    if (e.status == 0 || (isSuccess(e.status) && e.network != QNetworkReply::NoError)) {
        switch (e.network) {
        case QNetworkReply::ConnectionRefusedError:
            return Error{Error::Unavailable, QStringLiteral("nothing answers at %1 (connection refused); is the registry "
                                                            "running, and is the port right?").arg(m_host), Error::Origin::Registry};
        case QNetworkReply::HostNotFoundError:
            return Error{Error::Unavailable, QStringLiteral("the registry host %1 is not known here (DNS)").arg(m_host), Error::Origin::Registry};
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            return Error{Error::DeadlineExceeded, QStringLiteral("%1 sent nothing for %2 s").arg(m_host).arg(m_options.timeoutMs / 1000), Error::Origin::Registry};
        case QNetworkReply::SslHandshakeFailedError:
            return Error{Error::Unavailable,
                         QStringLiteral("TLS with %1 failed: %2. If the registry's certificate comes from its own CA, pass "
                                        "--ca-file with that CA; if the registry has no TLS, --plain-http")
                             .arg(m_host, e.networkText), Error::Origin::Registry};
        default:
            if (isSuccess(e.status))
                return Error{Error::Aborted, QStringLiteral("the connection to %1 was cut after %2 bytes of %3: %4")
                                                 .arg(m_host).arg(e.delivered).arg(what, e.networkText), Error::Origin::Registry};
            return Error{Error::Unavailable, QStringLiteral("cannot talk to %1: %2%3")
                                                 .arg(m_host, e.networkText,
                                                      m_options.plainHttp ? QString()
                                                                          : QStringLiteral(" (a registry without TLS needs --plain-http)")), Error::Origin::Registry};
        }
    }
    const QString user = m_credentials ? m_credentials->user : QString();
    switch (e.status) {
    case 401:
        if (m_credentials)
            return Error{Error::Unauthenticated, QStringLiteral("%1 refused the credentials of \"%2\" for %3; check the "
                                                                "password (--user USER:PASSWORD or ~/.docker/config.json)")
                                                     .arg(m_host, user, m_repository), Error::Origin::Registry};
        return Error{Error::Unauthenticated, QStringLiteral("%1 wants credentials for %2: pass --user USER[:PASSWORD], or log "
                                                            "in with docker login (Strata reads ~/.docker/config.json)")
                                                 .arg(m_host, m_repository), Error::Origin::Registry};
    case 403:
        return Error{Error::PermissionDenied, QStringLiteral("%1 denies %2 access to %3")
                                                  .arg(m_host, user.isEmpty() ? QStringLiteral("anonymous users") : user, m_repository), Error::Origin::Registry};
    case 404:
        return Error{Error::NotFound, QStringLiteral("%1 not found at %2").arg(what, m_host), Error::Origin::Registry};
    case 429:
        return Error{Error::ResourceExhausted, QStringLiteral("%1 limits the rate of pulls; wait and try again").arg(m_host), Error::Origin::Registry};
    default:
        return Error{Error::Unknown, QStringLiteral("%1 answered HTTP %2 for %3").arg(m_host).arg(e.status).arg(what), Error::Origin::Registry};
    }
}

Result<RemoteObject> RegistryClient::resolve(const QString &object)
{
    const QString path = QStringLiteral("/manifests/") + object;
    const QString what = m_repository + (object.contains(QLatin1Char(':')) ? QLatin1Char('@') : QLatin1Char(':')) + object;
    Exchange e = request("HEAD", path, kManifestTypes, 0, nullptr, nullptr);
    const bool known = isSuccess(e.status) && e.headers.contains("docker-content-digest");
    if (!known && !e.error && e.status != 404 && e.status != 401 && e.status != 403)
        e = request("GET", path, kManifestTypes, 0, nullptr, nullptr); // HEAD not allowed, or no digest said
    if (e.status == 404)
        return Error{Error::NotFound, QStringLiteral("no image %1 at %2").arg(what, m_host), Error::Origin::Registry};
    if (!isSuccess(e.status) || e.error || e.network != QNetworkReply::NoError)
        return failure(e, what);
    RemoteObject out;
    out.mediaType = QString::fromLatin1(e.headers.value("content-type")).section(QLatin1Char(';'), 0, 0).trimmed();
    out.digest = QString::fromLatin1(e.headers.value("docker-content-digest"));
    out.size = e.headers.contains("content-length") ? e.headers.value("content-length").toLongLong() : -1;
    if (!known) {
        out.digest = sha256Digest(e.body);
        out.size = e.body.size();
    }
    if (object.contains(QLatin1Char(':')) && out.digest != object)
        return Error{Error::DataLoss, QStringLiteral("%1 answered %2 with a manifest of digest %3").arg(m_host, what, out.digest), Error::Origin::Registry};
    return out;
}

Result<QByteArray> RegistryClient::fetchChecked(const QString &path, const RemoteObject &object, qint64 maxBytes,
                                                const QByteArray &accept)
{
    if (!object.digest.startsWith(QLatin1String("sha256:")))
        return Error{Error::Unimplemented, QStringLiteral("%1: only sha256 digests are checked by Strata").arg(object.digest), Error::Origin::Registry};
    const Exchange e = request("GET", path, accept, 0, nullptr, nullptr);
    if (!isSuccess(e.status) || e.error || e.network != QNetworkReply::NoError)
        return failure(e, object.digest);
    if (e.body.size() > maxBytes)
        return Error{Error::ResourceExhausted, QStringLiteral("%1 is %2 bytes, more than the %3 Strata reads whole")
                                                   .arg(object.digest).arg(e.body.size()).arg(maxBytes), Error::Origin::Registry};
    if (const QString got = sha256Digest(e.body); got != object.digest)
        return Error{Error::DataLoss, QStringLiteral("%1 sent content of digest %2 for %3; nothing was kept")
                                          .arg(m_host, got, object.digest), Error::Origin::Registry};
    return e.body;
}

Result<QByteArray> RegistryClient::fetchManifest(const RemoteObject &object)
{
    return fetchChecked(QStringLiteral("/manifests/") + object.digest, object, kMaxBody, kManifestTypes);
}

Result<QByteArray> RegistryClient::fetchBlob(const RemoteObject &object, qint64 maxBytes)
{
    return fetchChecked(QStringLiteral("/blobs/") + object.digest, object, maxBytes, {});
}

Status RegistryClient::streamBlob(const RemoteObject &object, qint64 offset, const Sink &sink, const std::atomic_bool *cancel)
{
    const Exchange e = request("GET", QStringLiteral("/blobs/") + object.digest, {}, offset, &sink, cancel);
    if (e.error)
        return *e.error;
    if (e.status == 404)
        return Error{Error::NotFound, QStringLiteral("%1 has no blob %2 in %3").arg(m_host, object.digest, m_repository), Error::Origin::Registry};
    if (!isSuccess(e.status) || e.network != QNetworkReply::NoError)
        return failure(e, object.digest);
    return success();
}

} // namespace strata
