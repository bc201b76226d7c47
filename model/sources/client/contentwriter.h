#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QMap>
#include <QString>

#include <memory>

namespace strata {

class Client;

// One blob streamed into containerd's content store (Content.Write): the ref names the ingest,
// so a writer opened again with the same ref resumes at the offset the store already has.
// The store checks the size and digest at commit and refuses a mismatch. Not thread-safe;
// one thread writes one blob.
class ContentWriter
{
public:
    ~ContentWriter();
    ContentWriter(const ContentWriter &) = delete;
    ContentWriter &operator=(const ContentWriter &) = delete;

    // AlreadyExists when the store has the digest committed already.
    static Result<std::unique_ptr<ContentWriter>> open(std::shared_ptr<const Client> client, const QString &ref,
                                                       qint64 total, const QString &expected, const QString &lease);

    // How many bytes the store holds for this ref.
    qint64 offset() const { return m_offset; }
    Status write(QByteArrayView data);
    Status commit(const QMap<QString, QString> &labels);

private:
    struct Stream;
    ContentWriter(std::shared_ptr<const Client> client, std::unique_ptr<Stream> stream, QString ref, qint64 total,
                  QString expected);
    Status finish();

    std::shared_ptr<const Client> m_client;
    std::unique_ptr<Stream> m_stream;
    QString m_ref;
    qint64 m_total = 0;
    QString m_expected;
    qint64 m_offset = 0;
};

} // namespace strata
