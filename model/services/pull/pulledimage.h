#pragma once

#include "oci/imagelayer.h"

#include <QList>
#include <QString>

namespace strata {

// What a finished pull made: the image record's name and target, and the chosen manifest's
// layers with whether each snapshot was already there.
struct PulledImage
{
    struct Layer
    {
        ImageLayer layer;
        bool alreadyPresent = false; // its snapshot (when unpacked) or blob (when not) was there before
    };

    QString name;
    QString digest;    // the record's target: index or manifest
    QString mediaType;
    QString platform;  // os/arch[/variant] of the chosen manifest
    QList<Layer> layers;
    bool unpacked = false;
};

} // namespace strata
