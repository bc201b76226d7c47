#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace strata {

// An OCI platform (os, architecture, variant, os.version), with containerd's spellings:
// x86_64 is amd64, aarch64 is arm64 (variant v8), a bare arm is arm/v7.
struct Platform
{
    QString os;
    QString architecture;
    QString variant;
    QString osVersion; // Windows: "10.0.20348.2582"; empty elsewhere
    QStringList osFeatures;

    // The machine Strata runs on, normalised; on Windows with the kernel's major.minor.build.
    static Platform host();
    // "os", "arch", "os/arch" or "os/arch/variant", as `ctr --platform` takes them; a lone os
    // gets the host's architecture and a lone architecture the host's os.
    static Result<Platform> parse(const QString &specifier);

    Platform normalized() const;
    // "linux/arm64/v8", "windows/amd64": os/architecture[/variant].
    QString toString() const;

    bool operator==(const Platform &) const = default;
};

} // namespace strata
