#include "layers/layerpath.h"

#include "layers/overlayfolder.h"

#include <QDir>

namespace strata {

bool LayerPath::isWindows(const QString &path)
{
    if (path.size() >= 2 && path.at(1) == QLatin1Char(':') && path.at(0).isLetter())
        return true;
    return path.startsWith(QLatin1String("\\\\"));
}

QString LayerPath::normalized(const QString &path)
{
    QString p = OverlayFolder::of(path);
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (!p.isEmpty())
        p = QDir::cleanPath(p);
    if (isWindows(path))
        p = p.toLower();
    return p;
}

QString LayerPath::folderName(const QString &path)
{
    const QString p = normalized(path);
    return p.mid(p.lastIndexOf(QLatin1Char('/')) + 1);
}

QString LayerPath::parentDir(const QString &path)
{
    const QString p = normalized(path);
    const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : p.left(slash);
}

} // namespace strata
