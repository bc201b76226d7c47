#include "oci/manifest.h"

#include <nlohmann/json.hpp>

namespace strata {

Result<Manifest> Manifest::parse(const QByteArray &json, const QString &mediaType)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{Error::Corrupt, QStringLiteral("the manifest is not a JSON object")};
    try {
        Manifest m;
        m.mediaType = QString::fromStdString(doc.value("mediaType", std::string()));
        if (m.mediaType.isEmpty())
            m.mediaType = mediaType;
        if (Descriptor::isIndexType(m.mediaType) || (m.mediaType.isEmpty() && doc.contains("manifests")))
            return Error{Error::InvalidArgument,
                         QStringLiteral("this is an image index, not a manifest: choose a platform first")};
        if (Descriptor::isSchema1Type(m.mediaType) || doc.value("schemaVersion", 0) == 1)
            return Error{Error::Unimplemented,
                         QStringLiteral("Docker schema 1 manifests are not supported; re-pull or re-push the image")};
        if (!m.mediaType.isEmpty() && !Descriptor::isManifestType(m.mediaType))
            return Error{Error::InvalidArgument, QStringLiteral("media type %1 is not an image manifest").arg(m.mediaType)};
        if (!doc.contains("config"))
            return Error{Error::Corrupt, QStringLiteral("the manifest has no config descriptor")};
        auto config = Descriptor::fromJson(doc["config"]);
        if (!config)
            return Error{Error::Corrupt, QStringLiteral("manifest config: %1").arg(config.error().message)};
        m.config = *config;
        const auto layers = doc.find("layers");
        if (layers == doc.end() || !layers->is_array())
            return Error{Error::Corrupt, QStringLiteral("the manifest has no list of layers")};
        for (const auto &l : *layers) {
            auto layer = Descriptor::fromJson(l);
            if (!layer)
                return Error{Error::Corrupt, QStringLiteral("manifest layer %1: %2").arg(m.layers.size()).arg(layer.error().message)};
            m.layers.append(*layer);
        }
        auto annotations = Descriptor::annotationsOf(doc);
        if (!annotations)
            return annotations.error();
        m.annotations = *annotations;
        return m;
    } catch (const nlohmann::json::exception &e) {
        return Error{Error::Corrupt, QStringLiteral("malformed manifest: %1").arg(QString::fromUtf8(e.what()))};
    }
}

} // namespace strata
