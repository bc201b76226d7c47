#pragma once

#include <QString>

#include <optional>

namespace strata {

// What one entry of a layer is. Whiteout and Opaque are removals, not files: a layer's way of
// saying "the lower layers' NAME is gone" and "nothing below this directory shows".
enum class FileKind : quint8 { File, Dir, Symlink, Hardlink, Char, Block, Fifo, Whiteout, Opaque };

class FileKindName
{
public:
    // The names `stratactl files --json` prints: file, dir, symlink, hardlink, char, block,
    // fifo, whiteout, opaque.
    static QString of(FileKind kind);
    static std::optional<FileKind> parse(const QString &name);
    static bool isRemoval(FileKind kind) { return kind == FileKind::Whiteout || kind == FileKind::Opaque; }
};

} // namespace strata
