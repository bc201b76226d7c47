#pragma once

#include <QString>

namespace strata {

// What a registry says a manifest or blob is, before it is read.
struct RemoteObject
{
    QString mediaType;
    QString digest;
    qint64 size = -1; // -1 when the registry did not say
};

} // namespace strata
