#pragma once

#include "oci/descriptor.h"

#include <QString>

namespace strata {

// One image an archive names: the record to make.
struct ArchiveImage
{
    QString name;
    Descriptor target;
};

} // namespace strata
