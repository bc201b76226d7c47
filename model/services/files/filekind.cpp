#include "files/filekind.h"

#include <array>

namespace strata {

namespace {

constexpr std::array<const char *, 9> kNames{"file", "dir", "symlink", "hardlink", "char", "block", "fifo", "whiteout", "opaque"};

} // namespace

QString FileKindName::of(FileKind kind)
{
    return QString::fromLatin1(kNames.at(size_t(kind)));
}

std::optional<FileKind> FileKindName::parse(const QString &name)
{
    for (size_t i = 0; i < kNames.size(); ++i) {
        if (name == QLatin1String(kNames[i]))
            return FileKind(i);
    }
    return std::nullopt;
}

} // namespace strata
