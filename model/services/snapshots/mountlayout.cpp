#include "snapshots/mountlayout.h"

namespace strata {

std::optional<MountLayout::Folder> MountLayout::ownFolder() const
{
    if (own != Own::Present || folders.isEmpty())
        return std::nullopt;
    return folders.first();
}

QList<MountLayout::Folder> MountLayout::parentFolders() const
{
    switch (own) {
    case Own::Present: return folders.mid(1);
    case Own::Absent: return folders;
    case Own::Unknown: break;
    }
    return {};
}

} // namespace strata
