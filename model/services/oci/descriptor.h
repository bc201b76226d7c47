#pragma once

#include "core/result.h"
#include "oci/platform.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace strata {

// An OCI content descriptor (also Docker's): what an index, a manifest or an image record
// points at.
struct Descriptor
{
    QString mediaType;
    QString digest; // "sha256:<64 hex>"
    qint64 size = 0;
    std::optional<Platform> platform; // as written, not normalised
    QMap<QString, QString> annotations;
    QStringList urls;

    // Reads one descriptor object; a missing or malformed digest or a negative size is an error.
    static Result<Descriptor> fromJson(const nlohmann::json &object);
    // As OCI writes it: empty fields left out.
    nlohmann::json toJson() const;
    // The "annotations" member of any OCI object (missing or null gives an empty map).
    static Result<QMap<QString, QString>> annotationsOf(const nlohmann::json &object);

    // OCI image index or Docker manifest list.
    static bool isIndexType(const QString &mediaType);
    // OCI image manifest or Docker v2 schema 2 manifest.
    static bool isManifestType(const QString &mediaType);
    // Docker v2 schema 1, which containerd converts on pull and Strata does not read.
    static bool isSchema1Type(const QString &mediaType);
    static bool isLayerType(const QString &mediaType);

    // "<algorithm>:<encoded>" per the OCI grammar, with sha256/sha512 lengths checked.
    static bool isValidDigest(const QString &digest);
    static QString sha256Of(const QByteArray &bytes);

    bool operator==(const Descriptor &) const = default;
};

} // namespace strata
