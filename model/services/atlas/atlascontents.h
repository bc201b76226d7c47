#pragma once

#include "atlas/atlasimage.h"
#include "atlas/atlassnapshot.h"

#include <QList>
#include <QString>

namespace strata {

// Everything one load gathers for one namespace and snapshotter.
struct AtlasContents
{
    QString snapshotter;
    QList<AtlasImage> images;
    QList<AtlasSnapshot> snapshots;
};

} // namespace strata
