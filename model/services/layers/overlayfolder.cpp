#include "layers/overlayfolder.h"

namespace strata {

namespace {

bool isSeparator(QChar c)
{
    return c == QLatin1Char('/') || c == QLatin1Char('\\');
}

QString withoutTrailingSeparators(QString path)
{
    while (path.size() > 1 && isSeparator(path.back()))
        path.chop(1);
    return path;
}

QChar separatorOf(const QString &folder)
{
    return folder.contains(QLatin1Char('\\')) && !folder.contains(QLatin1Char('/')) ? QLatin1Char('\\') : QLatin1Char('/');
}

} // namespace

QString OverlayFolder::of(const QString &path)
{
    QString p = withoutTrailingSeparators(path.trimmed());
    if (p.size() > 3 && p.endsWith(QLatin1String("fs")) && isSeparator(p.at(p.size() - 3)))
        return withoutTrailingSeparators(p.chopped(3));
    return p;
}

QString OverlayFolder::filesDir(const QString &folder)
{
    const QString f = of(folder);
    return f + separatorOf(f) + QStringLiteral("fs");
}

QString OverlayFolder::workDir(const QString &folder)
{
    const QString f = of(folder);
    return f + separatorOf(f) + QStringLiteral("work");
}

} // namespace strata
