#include "layers/layerpath.h"

namespace strata {

bool LayerPath::isWindows(const QString &path)
{
    if (path.size() >= 2 && path.at(1) == QLatin1Char(':') && path.at(0).isLetter())
        return true;
    return path.startsWith(QLatin1String("\\\\"));
}

QString LayerPath::normalized(const QString &path)
{
    QString p = path.trimmed();
    p.replace(QLatin1Char('\\'), QLatin1Char('/'));
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    if (p.endsWith(QLatin1String("/fs")))
        p.chop(3);
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
