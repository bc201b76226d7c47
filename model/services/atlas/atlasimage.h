#pragma once

#include "types/records.h"

#include <QString>
#include <QStringList>

namespace strata {

// One image with the snapshot keys (chainIDs) of its layers for the atlas' platform.
struct AtlasImage
{
    ImageRecord record;
    QStringList layerKeys; // base layer first
    QString error;         // why layerKeys is empty (content missing, no matching platform, ...)
};

} // namespace strata
