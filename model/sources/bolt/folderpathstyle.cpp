#include "bolt/folderpathstyle.h"

namespace strata {

FolderPathStyle folderPathStyleFor(const QString &snapshotter)
{
    return snapshotter == QLatin1String("windows") || snapshotter == QLatin1String("windows-lcow")
               ? FolderPathStyle::Windows
               : FolderPathStyle::Posix;
}

QString snapshotsDir(const QString &snapshotterRoot, FolderPathStyle style)
{
    const QChar sep = style == FolderPathStyle::Windows ? QLatin1Char('\\') : QLatin1Char('/');
    QString root = snapshotterRoot;
    if (style == FolderPathStyle::Windows)
        root.replace(QLatin1Char('/'), sep);
    while (root.size() > 1 && root.endsWith(sep))
        root.chop(1);
    if (!root.endsWith(sep))
        root += sep;
    return root + QStringLiteral("snapshots") + sep;
}

QString snapshotFolderPath(const QString &snapshotterRoot, quint64 id, FolderPathStyle style)
{
    return snapshotsDir(snapshotterRoot, style) + QString::number(id);
}

} // namespace strata
