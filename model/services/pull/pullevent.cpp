#include "pull/pullevent.h"

namespace strata {

QString PullEvent::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Resolving: return QStringLiteral("resolving");
    case Stage::Waiting: return QStringLiteral("waiting");
    case Stage::Downloading: return QStringLiteral("downloading");
    case Stage::Verifying: return QStringLiteral("verifying");
    case Stage::Stored: return QStringLiteral("stored");
    case Stage::AlreadyPresent: return QStringLiteral("already present");
    case Stage::Unpacking: return QStringLiteral("unpacking");
    case Stage::Unpacked: return QStringLiteral("unpacked");
    }
    return {};
}

} // namespace strata
