#pragma once

#include "core/result.h"
#include "oci/platform.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace strata {

// The parts of an OCI/Docker image config blob that running and unpacking need.
struct ImageConfig
{
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;
    QString created; // RFC 3339 as written

    QStringList entrypoint;
    QStringList cmd;
    QStringList env; // "NAME=value"
    QString workingDir;
    QString user;
    QMap<QString, QString> labels;
    QString stopSignal;

    QString rootfsType;  // "layers"
    QStringList diffIds; // uncompressed layer digests, base first

    // The config must name at least the rootfs diff_ids list (an empty list is allowed).
    static Result<ImageConfig> parse(const QByteArray &json);

    Platform platform() const;

    bool operator==(const ImageConfig &) const = default;
};

} // namespace strata
