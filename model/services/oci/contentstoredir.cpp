#include "oci/contentstoredir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace strata {

namespace {

// The digest grammar of the OCI image spec, narrowed to what can name a file safely.
const QRegularExpression &digestPattern()
{
    static const QRegularExpression re(QStringLiteral("^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$"));
    return re;
}

} // namespace

ContentStoreDir::ContentStoreDir(QString containerdRoot)
    : m_root(std::move(containerdRoot))
{
}

bool ContentStoreDir::exists() const
{
    return !m_root.isEmpty() && QDir(m_root).exists(QLatin1String(Relative));
}

QString ContentStoreDir::blobPath(const QString &digest) const
{
    const auto match = digestPattern().match(digest);
    if (!match.hasMatch())
        return {};
    return QDir(m_root).filePath(QStringLiteral("%1/blobs/%2/%3").arg(QLatin1String(Relative), match.captured(1), match.captured(2)));
}

Result<QByteArray> ContentStoreDir::read(const QString &digest) const
{
    const QString path = blobPath(digest);
    if (path.isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("\"%1\" is not a digest").arg(digest)};
    QFile file(path);
    if (!file.exists())
        return Error{Error::NotFound, QStringLiteral("blob %1 is not in the content store at %2").arg(digest, m_root)};
    if (file.size() > MaxBlobSize)
        return Error{Error::Corrupt, QStringLiteral("%1: %2 bytes, too large for a manifest or config").arg(path).arg(file.size())};
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, file.errorString())};
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error{Error::Io, QStringLiteral("%1: %2").arg(path, file.errorString())};

    const QString algorithm = digest.section(QLatin1Char(':'), 0, 0);
    if (algorithm == QLatin1String("sha256") || algorithm == QLatin1String("sha512")) {
        const auto method = algorithm == QLatin1String("sha256") ? QCryptographicHash::Sha256 : QCryptographicHash::Sha512;
        const QString actual = QString::fromLatin1(QCryptographicHash::hash(bytes, method).toHex());
        if (actual != digest.section(QLatin1Char(':'), 1))
            return Error{Error::Corrupt, QStringLiteral("%1: content does not match its digest (it is %2:%3)").arg(path, algorithm, actual)};
    }
    return bytes;
}

} // namespace strata
