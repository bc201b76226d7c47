#pragma once

#include "core/result.h"
#include "oci/descriptor.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace strata {

// An OCI image manifest or a Docker v2 schema 2 manifest: one config blob and the layer
// blobs, base first.
struct Manifest
{
    QString mediaType;
    Descriptor config;
    QList<Descriptor> layers;
    QMap<QString, QString> annotations;

    // mediaType is what the pointing descriptor said; the document's own field wins when set.
    // Indexes and schema 1 manifests are refused with a sentence saying what they are.
    static Result<Manifest> parse(const QByteArray &json, const QString &mediaType = {});

    bool operator==(const Manifest &) const = default;
};

} // namespace strata
