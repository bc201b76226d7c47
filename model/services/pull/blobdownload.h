#pragma once

#include "core/result.h"
#include "pull/pullevent.h"
#include "registry/remoteobject.h"

#include <QMap>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace strata {

class Client;
class ContentWriter;
class RegistryClient;

// Puts one blob into containerd's content store under a lease, as containerd's fetch handler
// does: nothing when the store has it (its labels are added), else streamed through
// Content.Write under the ref `<kind>-<digest>`, so a cut connection or an earlier interrupted
// pull resumes at the offset the store holds.
class BlobDownload
{
public:
    using Progress = std::function<void(PullEvent::Stage stage, qint64 offset, qint64 total)>;

    BlobDownload(std::shared_ptr<const Client> client, QString lease);

    // True when the bytes were written here, false when the store had them.
    Result<bool> fetch(RegistryClient &registry, const RemoteObject &blob, const QString &kind,
                       const QMap<QString, QString> &labels, const std::atomic_bool *cancel,
                       const Progress &progress) const;
    // Bytes already read and checked (a manifest, a config).
    Result<bool> store(const QByteArray &bytes, const RemoteObject &blob, const QString &kind,
                       const QMap<QString, QString> &labels) const;

private:
    Result<bool> present(const RemoteObject &blob, const QMap<QString, QString> &labels) const;
    // A writer for `ref`, or none when the store has the blob (another pull stored it).
    Result<std::unique_ptr<ContentWriter>> open(const QString &ref, qint64 size, const RemoteObject &blob,
                                                const QMap<QString, QString> &labels, const std::atomic_bool *cancel) const;
    Result<bool> committed(ContentWriter &writer, const QString &ref, const RemoteObject &blob, const QString &host,
                           const QMap<QString, QString> &labels) const;
    Status refuse(const QString &ref, const RemoteObject &blob, const QString &host, const Error &why) const;

    std::shared_ptr<const Client> m_client;
    QString m_lease;
};

} // namespace strata
