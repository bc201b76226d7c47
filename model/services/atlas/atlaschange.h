#pragma once

#include "atlas/atlasimage.h"
#include "atlas/atlassnapshot.h"

#include <QMetaType>
#include <QString>

namespace strata {

// One incremental update for the atlas model, made from an event after the follow-up calls
// (Stat, Mounts, Usage, the image's manifest) it needs.
struct AtlasChange
{
    enum class Op { UpsertSnapshot, RemoveSnapshot, UpsertImage, RemoveImage };

    Op op = Op::UpsertSnapshot;
    QString name; // the snapshot key or image name the change is about
    AtlasSnapshot snapshot; // for UpsertSnapshot
    AtlasImage image;       // for UpsertImage
};

} // namespace strata

Q_DECLARE_METATYPE(strata::AtlasChange)
