#include "oci/manifestindex.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace strata {

Result<ManifestIndex> ManifestIndex::parse(const QByteArray &json, const QString &mediaType)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{Error::Corrupt, QStringLiteral("the image index is not a JSON object")};
    try {
        ManifestIndex index;
        index.mediaType = QString::fromStdString(doc.value("mediaType", std::string()));
        if (index.mediaType.isEmpty())
            index.mediaType = mediaType;
        if (!index.mediaType.isEmpty() && !Descriptor::isIndexType(index.mediaType))
            return Error{Error::InvalidArgument, QStringLiteral("media type %1 is not an image index").arg(index.mediaType)};
        const auto manifests = doc.find("manifests");
        if (manifests == doc.end() || !manifests->is_array())
            return Error{Error::Corrupt, QStringLiteral("the image index has no list of manifests")};
        for (const auto &entry : *manifests) {
            auto d = Descriptor::fromJson(entry);
            if (!d)
                return Error{Error::Corrupt, QStringLiteral("index entry %1: %2").arg(index.manifests.size()).arg(d.error().message)};
            index.manifests.append(*d);
        }
        auto annotations = Descriptor::annotationsOf(doc);
        if (!annotations)
            return annotations.error();
        index.annotations = *annotations;
        return index;
    } catch (const nlohmann::json::exception &e) {
        return Error{Error::Corrupt, QStringLiteral("malformed image index: %1").arg(QString::fromUtf8(e.what()))};
    }
}

Result<Descriptor> ManifestIndex::select(const PlatformMatcher &matcher) const
{
    QList<Descriptor> candidates;
    QStringList offered;
    for (const Descriptor &d : manifests) {
        const bool usable = d.mediaType.isEmpty() || Descriptor::isManifestType(d.mediaType)
            || Descriptor::isIndexType(d.mediaType);
        if (!usable)
            continue;
        if (d.platform) {
            QString name = d.platform->normalized().toString();
            if (!d.platform->osVersion.isEmpty())
                name += QLatin1Char(' ') + d.platform->osVersion;
            // buildx attestations claim unknown/unknown: not a platform anyone can ask for.
            if (d.platform->os != QLatin1String("unknown"))
                offered.append(name);
            if (!matcher.matches(*d.platform))
                continue;
        }
        candidates.append(d);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](const Descriptor &a, const Descriptor &b) {
        if (!a.platform)
            return false;
        if (!b.platform)
            return true;
        return matcher.less(*a.platform, *b.platform);
    });
    if (candidates.isEmpty()) {
        QString target = matcher.target().toString();
        if (!matcher.target().osVersion.isEmpty())
            target += QLatin1Char(' ') + matcher.target().osVersion;
        return Error{Error::NotFound,
                     QStringLiteral("the image has no manifest for %1 (it offers: %2)")
                         .arg(target, offered.isEmpty() ? QStringLiteral("nothing") : offered.join(QStringLiteral(", ")))};
    }
    return candidates.first();
}

} // namespace strata
