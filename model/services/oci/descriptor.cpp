#include "oci/descriptor.h"

#include "oci/jsonfields.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace strata {

Result<Descriptor> Descriptor::fromJson(const nlohmann::json &object)
{
    if (!object.is_object())
        return Error{Error::Corrupt, QStringLiteral("a descriptor is not a JSON object")};
    try {
        Descriptor d;
        d.mediaType = JsonFields::text(object, "mediaType");
        d.digest = JsonFields::text(object, "digest");
        if (!isValidDigest(d.digest))
            return Error{Error::Corrupt, QStringLiteral("descriptor digest \"%1\" is not a valid digest").arg(d.digest)};
        d.size = object.value("size", qint64(0));
        if (d.size < 0)
            return Error{Error::Corrupt, QStringLiteral("descriptor %1 has a negative size").arg(d.digest)};
        if (const auto p = object.find("platform"); p != object.end() && p->is_object()) {
            Platform platform;
            platform.os = JsonFields::text(*p, "os");
            platform.architecture = JsonFields::text(*p, "architecture");
            platform.variant = JsonFields::text(*p, "variant");
            platform.osVersion = JsonFields::text(*p, "os.version");
            platform.osFeatures = JsonFields::texts(*p, "os.features");
            d.platform = platform;
        }
        auto annotations = annotationsOf(object);
        if (!annotations)
            return annotations.error();
        d.annotations = *annotations;
        d.urls = JsonFields::texts(object, "urls");
        return d;
    } catch (const nlohmann::json::exception &e) {
        return Error{Error::Corrupt, QStringLiteral("malformed descriptor: %1").arg(QString::fromUtf8(e.what()))};
    }
}

nlohmann::json Descriptor::toJson() const
{
    nlohmann::json out{{"mediaType", mediaType.toStdString()}, {"digest", digest.toStdString()}, {"size", size}};
    if (platform) {
        nlohmann::json p{{"os", platform->os.toStdString()}, {"architecture", platform->architecture.toStdString()}};
        if (!platform->variant.isEmpty())
            p["variant"] = platform->variant.toStdString();
        if (!platform->osVersion.isEmpty())
            p["os.version"] = platform->osVersion.toStdString();
        for (const QString &f : platform->osFeatures)
            p["os.features"].push_back(f.toStdString());
        out["platform"] = p;
    }
    for (auto it = annotations.cbegin(); it != annotations.cend(); ++it)
        out["annotations"][it.key().toStdString()] = it.value().toStdString();
    for (const QString &u : urls)
        out["urls"].push_back(u.toStdString());
    return out;
}

Result<QMap<QString, QString>> Descriptor::annotationsOf(const nlohmann::json &object)
{
    QMap<QString, QString> out;
    const auto it = object.find("annotations");
    if (it == object.end() || it->is_null())
        return out;
    if (!it->is_object())
        return Error{Error::Corrupt, QStringLiteral("annotations are not a JSON object")};
    for (auto a = it->begin(); a != it->end(); ++a) {
        if (!a.value().is_string())
            return Error{Error::Corrupt, QStringLiteral("annotation %1 is not a string").arg(QString::fromStdString(a.key()))};
        out.insert(QString::fromStdString(a.key()), QString::fromStdString(a.value().get<std::string>()));
    }
    return out;
}

bool Descriptor::isIndexType(const QString &mediaType)
{
    return mediaType == QLatin1String("application/vnd.oci.image.index.v1+json")
        || mediaType == QLatin1String("application/vnd.docker.distribution.manifest.list.v2+json");
}

bool Descriptor::isManifestType(const QString &mediaType)
{
    return mediaType == QLatin1String("application/vnd.oci.image.manifest.v1+json")
        || mediaType == QLatin1String("application/vnd.docker.distribution.manifest.v2+json");
}

bool Descriptor::isSchema1Type(const QString &mediaType)
{
    return mediaType == QLatin1String("application/vnd.docker.distribution.manifest.v1+json")
        || mediaType == QLatin1String("application/vnd.docker.distribution.manifest.v1+prettyjws");
}

bool Descriptor::isLayerType(const QString &mediaType)
{
    return mediaType.startsWith(QLatin1String("application/vnd.oci.image.layer."))
        || mediaType.startsWith(QLatin1String("application/vnd.docker.image.rootfs."));
}

bool Descriptor::isValidDigest(const QString &digest)
{
    static const QRegularExpression grammar(
        QStringLiteral("^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$"));
    const auto m = grammar.match(digest);
    if (!m.hasMatch())
        return false;
    static const QRegularExpression hex(QStringLiteral("^[a-f0-9]+$"));
    const QString algorithm = m.captured(1);
    const QString encoded = m.captured(2);
    if (algorithm == QLatin1String("sha256"))
        return encoded.size() == 64 && hex.match(encoded).hasMatch();
    if (algorithm == QLatin1String("sha512"))
        return encoded.size() == 128 && hex.match(encoded).hasMatch();
    return true;
}

QString Descriptor::sha256Of(const QByteArray &bytes)
{
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace strata
