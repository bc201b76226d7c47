#pragma once

#include "files/fileentry.h"

#include <QStringList>

namespace strata::test {

// A layer's changes as readable lines, "kind path [size] [-> target]", for comparing with text.
inline QString layerChangesText(const LayerChanges &changes)
{
    QStringList lines;
    for (const auto &e : changes) {
        QString line = FileKindName::of(e.kind) + QLatin1Char(' ') + e.path;
        if (e.kind == FileKind::File)
            line += QStringLiteral(" %1").arg(e.size);
        if (!e.linkTarget.isEmpty())
            line += QStringLiteral(" -> ") + e.linkTarget;
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace strata::test
