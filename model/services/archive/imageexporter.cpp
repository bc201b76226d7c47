#include "archive/imageexporter.h"

#include "archive/layoutwriter.h"
#include "client/contentservice.h"
#include "client/imagesservice.h"
#include "oci/descriptor.h"
#include "oci/manifest.h"
#include "oci/manifestindex.h"
#include "oci/platformmatcher.h"
#include "types/imagereference.h"

#include <QFile>
#include <QHash>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace strata {

namespace {

QString blobPath(const QString &digest)
{
    const qsizetype colon = digest.indexOf(QLatin1Char(':'));
    return QStringLiteral("blobs/%1/%2").arg(digest.left(colon), digest.mid(colon + 1));
}

// What ctr writes as org.opencontainers.image.ref.name: the reference's tag and/or digest.
QString refName(const QString &name)
{
    auto ref = ImageReference::parse(name);
    if (!ref)
        return name;
    if (ref->digest.isEmpty())
        return ref->tag;
    return ref->tag.isEmpty() ? QLatin1Char('@') + ref->digest : ref->tag + QLatin1Char('@') + ref->digest;
}

} // namespace

struct ImageExporter::Plan
{
    PlatformMatcher matcher;
    QMap<QString, qint64> blobs; // by path: the order they are written in
    nlohmann::json index = nlohmann::json::array();
    nlohmann::json docker = nlohmann::json::array();
    QHash<QString, int> dockerEntry; // manifest digest → its entry in `docker`
};

ImageExporter::ImageExporter(std::shared_ptr<const Client> client, ExportOptions options)
    : m_client(std::move(client))
    , m_options(std::move(options))
{
}

Status ImageExporter::exportTo(const std::atomic_bool *cancel, const Progress &progress) const
{
    if (m_options.names.isEmpty())
        return Error{Error::InvalidArgument, QStringLiteral("no image to export")};
    Plan plan{m_options.platform ? PlatformMatcher(*m_options.platform) : PlatformMatcher::host(), {}, {}, {}, {}};
    for (const QString &name : m_options.names) {
        if (auto planned = planImage(plan, name); !planned)
            return planned;
    }
    // Written beside the target and renamed over it: a failed export leaves no half file.
    const QString partial = m_options.file + QStringLiteral(".partial");
    auto written = write(plan, partial, cancel, progress);
    std::error_code renamed;
    if (written)
        std::filesystem::rename(QFile::encodeName(partial).toStdString(), QFile::encodeName(m_options.file).toStdString(), renamed);
    if (!written || renamed) {
        QFile::remove(partial);
        return written ? Status(Error{Error::Io, QStringLiteral("cannot write %1: %2").arg(m_options.file, QString::fromStdString(renamed.message()))})
                       : written;
    }
    return success();
}

Status ImageExporter::planImage(Plan &plan, const QString &name) const
{
    auto record = ImagesService(m_client).get(name);
    if (!record)
        return record.error();
    Descriptor target{record->mediaType, record->digest, record->size, {}, {}, {}};
    target.annotations.insert(QStringLiteral("io.containerd.image.name"), name);
    target.annotations.insert(QStringLiteral("org.opencontainers.image.ref.name"), refName(name));
    plan.index.push_back(target.toJson());
    if (Descriptor::isManifestType(target.mediaType))
        return planManifest(plan, target, name, true);
    if (!Descriptor::isIndexType(target.mediaType))
        return Error{Error::Unimplemented, QStringLiteral("%1 is \"%2\", not an image index or manifest").arg(name, target.mediaType)};
    plan.blobs.insert(blobPath(target.digest), target.size);
    auto bytes = ContentService(m_client).read(target.digest);
    if (!bytes)
        return bytes.error();
    auto index = ManifestIndex::parse(*bytes, target.mediaType);
    if (!index)
        return Error{index.error().code, QStringLiteral("%1: %2").arg(name, index.error().message)};
    auto chosen = index->select(plan.matcher);
    if (!chosen)
        return Error{chosen.error().code, QStringLiteral("%1: %2").arg(name, chosen.error().message)};
    for (const Descriptor &m : index->manifests) {
        const bool wanted = m.digest == chosen->digest
                            || (m_options.allPlatforms && Descriptor::isManifestType(m.mediaType));
        if (!wanted)
            continue;
        if (auto planned = planManifest(plan, m, name, m.digest == chosen->digest); !planned)
            return planned;
    }
    return success();
}

Status ImageExporter::planManifest(Plan &plan, const Descriptor &manifest, const QString &name, bool docker) const
{
    const ContentService content(m_client);
    auto bytes = content.read(manifest.digest);
    if (!bytes)
        return Error{bytes.error().code, QStringLiteral("%1's manifest %2 is not in the content store (%3); another "
                                                        "platform (--platform) may be").arg(name, manifest.digest, bytes.error().message)};
    auto parsed = Manifest::parse(*bytes, manifest.mediaType);
    if (!parsed)
        return Error{parsed.error().code, QStringLiteral("%1's manifest %2: %3").arg(name, manifest.digest, parsed.error().message)};
    plan.blobs.insert(blobPath(manifest.digest), manifest.size);
    QList<Descriptor> children{parsed->config};
    children += parsed->layers;
    for (const Descriptor &child : children) {
        auto info = content.info(child.digest);
        if (!info)
            return Error{info.error().code, QStringLiteral("%1's blob %2 is not in the content store (%3)")
                                                .arg(name, child.digest, info.error().message)};
        plan.blobs.insert(blobPath(child.digest), info->size);
    }
    if (!docker)
        return success();
    if (!plan.dockerEntry.contains(manifest.digest)) {
        nlohmann::json layers = nlohmann::json::array();
        for (const Descriptor &l : parsed->layers)
            layers.push_back(blobPath(l.digest).toStdString());
        plan.dockerEntry.insert(manifest.digest, int(plan.docker.size()));
        plan.docker.push_back({{"Config", blobPath(parsed->config.digest).toStdString()},
                               {"RepoTags", nlohmann::json::array()},
                               {"Layers", layers}});
    }
    if (auto ref = ImageReference::parse(name))
        plan.docker[plan.dockerEntry.value(manifest.digest)]["RepoTags"].push_back(ref->familiar().toStdString());
    return success();
}

Status ImageExporter::write(const Plan &plan, const QString &path, const std::atomic_bool *cancel,
                            const Progress &progress) const
{
    LayoutWriter out(m_client);
    if (auto opened = out.open(path); !opened)
        return opened;
    qint64 total = 0;
    QStringList directories{QStringLiteral("blobs/")};
    for (auto it = plan.blobs.cbegin(); it != plan.blobs.cend(); ++it) {
        total += it.value();
        const QString dir = it.key().section(QLatin1Char('/'), 0, 1) + QLatin1Char('/');
        if (!directories.contains(dir))
            directories << dir;
    }
    for (const QString &dir : directories) {
        if (auto added = out.addDirectory(dir); !added)
            return added;
    }
    qint64 written = 0;
    const auto counted = [&](qint64 bytes) {
        written += bytes;
        if (progress)
            progress(written, total);
    };
    for (auto it = plan.blobs.cbegin(); it != plan.blobs.cend(); ++it) {
        const QString digest = it.key().section(QLatin1Char('/'), 1, 1) + QLatin1Char(':') + it.key().section(QLatin1Char('/'), 2);
        if (auto added = out.addBlob(it.key(), digest, it.value(), cancel, counted); !added)
            return added;
    }
    const nlohmann::json index{{"schemaVersion", 2}, {"mediaType", "application/vnd.oci.image.index.v1+json"}, {"manifests", plan.index}};
    if (auto added = out.addFile(QStringLiteral("index.json"), QByteArray::fromStdString(index.dump())); !added)
        return added;
    if (!plan.docker.empty()) {
        if (auto added = out.addFile(QStringLiteral("manifest.json"), QByteArray::fromStdString(plan.docker.dump())); !added)
            return added;
    }
    if (auto added = out.addFile(QStringLiteral("oci-layout"), QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}")); !added)
        return added;
    return out.close();
}

} // namespace strata
