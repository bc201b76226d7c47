#pragma once

#include "core/result.h"

#include <QString>

namespace strata {

// A registry image reference as docker and containerd read it: `busybox` is
// `docker.io/library/busybox:latest`; a first component with a dot or a port, or `localhost`, is
// a registry host; a tag, a digest, or both (`name:tag@sha256:…`, where the digest decides).
struct ImageReference
{
    QString domain;     // registry host[:port] as written in names: docker.io, 127.0.0.1:5000
    QString repository; // path under the host: library/busybox
    QString tag;        // empty when only a digest was given
    QString digest;     // "sha256:…" or empty

    static Result<ImageReference> parse(const QString &text);

    // The image name containerd records: domain/repository:tag, @digest, or :tag@digest.
    QString name() const;
    // As docker prints it: docker.io and its library/ left out (busybox:latest).
    QString familiar() const;
    // domain/repository.
    QString locator() const;
    // Docker Hub's API lives at another host than its names say.
    QString apiHost() const;
    // What to ask the registry's manifests endpoint for: the digest when given, else the tag.
    QString object() const { return digest.isEmpty() ? tag : digest; }
};

} // namespace strata
