#include "archive/dockerarchive.h"

#include "client/contentservice.h"
#include "oci/imageconfig.h"
#include "pull/blobdownload.h"
#include "types/imagereference.h"

#include <nlohmann/json.hpp>

namespace strata {

namespace {

const QString kDockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
const QString kDockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");

QString layerMediaType(const QByteArray &head)
{
    if (head.startsWith("\x1f\x8b"))
        return QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");
    return QStringLiteral("application/vnd.docker.image.rootfs.diff.tar");
}

QStringList texts(const nlohmann::json &entry, const char *key)
{
    QStringList out;
    if (const auto it = entry.find(key); it != entry.end() && it->is_array()) {
        for (const auto &v : *it)
            out << QString::fromStdString(v.get<std::string>());
    }
    return out;
}

} // namespace

DockerArchive::DockerArchive(std::shared_ptr<const Client> client, QString lease)
    : m_client(std::move(client))
    , m_lease(std::move(lease))
{
}

Result<QList<ArchiveImage>> DockerArchive::images(const ArchiveContents &contents) const
{
    const QByteArray &bytes = contents.dockerManifest;
    const auto doc = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_array())
        return Error{Error::Corrupt, QStringLiteral("manifest.json is not a list of images")};
    QList<ArchiveImage> out;
    try {
        for (const auto &entry : doc) {
            const QString config = QString::fromStdString(entry.at("Config").get<std::string>());
            auto manifest = writeManifest(contents, config, texts(entry, "Layers"));
            if (!manifest)
                return manifest.error();
            for (const QString &tag : texts(entry, "RepoTags")) {
                auto ref = ImageReference::parse(tag);
                if (!ref)
                    return Error{Error::Corrupt, QStringLiteral("manifest.json names \"%1\": %2").arg(tag, ref.error().message)};
                out.append({ref->name(), *manifest});
            }
        }
    } catch (const nlohmann::json::exception &e) {
        return Error{Error::Corrupt, QStringLiteral("manifest.json: %1").arg(QString::fromUtf8(e.what()))};
    }
    return out;
}

Result<Descriptor> DockerArchive::writeManifest(const ArchiveContents &contents, const QString &configPath,
                                                const QStringList &layerPaths) const
{
    const auto config = contents.blobs.find(configPath);
    if (config == contents.blobs.end())
        return Error{Error::Corrupt, QStringLiteral("manifest.json names config %1, which the archive does not hold").arg(configPath)};
    auto configBytes = ContentService(m_client).read(config->digest);
    if (!configBytes)
        return configBytes.error();
    auto parsed = ImageConfig::parse(*configBytes);
    if (!parsed)
        return Error{Error::Corrupt, QStringLiteral("%1: %2").arg(configPath, parsed.error().message)};
    nlohmann::json manifest{{"schemaVersion", 2},
                            {"mediaType", kDockerManifest.toStdString()},
                            {"config", Descriptor{kDockerConfig, config->digest, config->size, {}, {}, {}}.toJson()},
                            {"layers", nlohmann::json::array()}};
    for (const QString &path : layerPaths) {
        const auto layer = contents.blobs.find(path);
        if (layer == contents.blobs.end())
            return Error{Error::Corrupt, QStringLiteral("manifest.json names layer %1, which the archive does not hold").arg(path)};
        manifest["layers"].push_back(Descriptor{layerMediaType(layer->head), layer->digest, layer->size, {}, {}, {}}.toJson());
    }
    const QByteArray bytes = QByteArray::fromStdString(manifest.dump());
    Descriptor out{kDockerManifest, Descriptor::sha256Of(bytes), bytes.size(), parsed->platform(), {}, {}};
    // The manifest is made here, not read from the archive: stored as a pull stores one.
    if (auto stored = BlobDownload(m_client, m_lease).store(bytes, {out.mediaType, out.digest, out.size}, QStringLiteral("manifest"), {});
        !stored)
        return stored.error();
    return out;
}

} // namespace strata
