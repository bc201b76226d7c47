#pragma once

#include "core/result.h"
#include "oci/descriptor.h"
#include "oci/platformmatcher.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace strata {

// An OCI image index or a Docker manifest list: one manifest per platform.
struct ManifestIndex
{
    QString mediaType;
    QList<Descriptor> manifests;
    QMap<QString, QString> annotations;

    // mediaType is what the pointing descriptor said; the document's own field wins when set.
    static Result<ManifestIndex> parse(const QByteArray &json, const QString &mediaType = {});

    // The entry containerd would unpack for this platform: best match first, entries without a
    // platform after all matching ones, entries that are neither manifests nor indexes never.
    // The result may itself be an index (nested); NotFound lists the platforms on offer.
    Result<Descriptor> select(const PlatformMatcher &matcher) const;

    bool operator==(const ManifestIndex &) const = default;
};

} // namespace strata
