#include "bolt/containerdroot.h"

#include "bolt/snapshotjoin.h"

#include <QDir>
#include <QFileInfo>

namespace strata {

namespace {

// "io.containerd.snapshotter.v1.overlayfs" -> "overlayfs"; anything else -> nullopt.
std::optional<QString> snapshotterOf(const QString &dirName)
{
    const QLatin1String prefix(ContainerdRoot::SnapshotterPrefix);
    if (!dirName.startsWith(prefix) || dirName.size() == prefix.size())
        return std::nullopt;
    return dirName.mid(prefix.size());
}

bool isRoot(const QDir &dir)
{
    if (QFileInfo::exists(dir.filePath(QLatin1String(ContainerdRoot::MetaDbRelative))))
        return true;
    const auto subdirs = dir.entryList({QLatin1String(ContainerdRoot::SnapshotterPrefix) + QLatin1Char('*')}, QDir::Dirs);
    for (const auto &s : subdirs) {
        if (QFileInfo::exists(dir.filePath(s + QStringLiteral("/metadata.db"))))
            return true;
    }
    return false;
}

} // namespace

void ContainerdRoot::addSnapshotters(const QString &rootDir)
{
    const QDir dir(rootDir);
    const auto subdirs = dir.entryList({QLatin1String(SnapshotterPrefix) + QLatin1Char('*')}, QDir::Dirs, QDir::Name);
    for (const auto &s : subdirs) {
        const QString db = dir.filePath(s + QStringLiteral("/metadata.db"));
        if (auto name = snapshotterOf(s); name && QFileInfo(db).isFile())
            m_snapshotterDbs.insert(*name, db);
    }
    const QString meta = dir.filePath(QLatin1String(MetaDbRelative));
    if (QFileInfo(meta).isFile())
        m_metaDb = meta;
}

Result<ContainerdRoot> ContainerdRoot::locate(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{Error::NotFound, QStringLiteral("%1: no such file or directory").arg(path)};
    ContainerdRoot root;
    const QString abs = info.absoluteFilePath();
    if (info.isDir()) {
        if (isRoot(QDir(abs))) {
            root.m_rootDir = abs;
            root.addSnapshotters(abs);
        } else if (auto name = snapshotterOf(info.fileName()); name && QFileInfo(abs + QStringLiteral("/metadata.db")).isFile()) {
            root.m_snapshotterDbs.insert(*name, abs + QStringLiteral("/metadata.db"));
        } else {
            return Error{Error::NotFound, QStringLiteral("%1: neither a containerd root nor a snapshotter folder").arg(path)};
        }
        return root;
    }

    // A file: meta.db inside a root, or a snapshotter's metadata.db, or a loose copy of either.
    const QDir parent = info.absoluteDir();
    const QString grandparent = QFileInfo(parent.absolutePath()).absolutePath();
    if (info.fileName() == QLatin1String("meta.db")) {
        root.m_metaDb = abs;
        if (parent.dirName() == QLatin1String("io.containerd.metadata.v1.bolt")) {
            root.m_rootDir = grandparent;
            root.addSnapshotters(grandparent);
            root.m_metaDb = abs;
        }
        return root;
    }
    if (auto name = snapshotterOf(parent.dirName())) {
        root.m_snapshotterDbs.insert(*name, abs);
        const QString meta = grandparent + QLatin1Char('/') + QLatin1String(MetaDbRelative);
        if (QFileInfo(meta).isFile())
            root.m_metaDb = meta;
        return root;
    }
    root.m_snapshotterDbs.insert(QString(), abs);
    return root;
}

QString ContainerdRoot::snapshotterDbPath(const QString &snapshotter) const
{
    return m_snapshotterDbs.keys() == QStringList{QString()} ? m_snapshotterDbs.value(QString()) : m_snapshotterDbs.value(snapshotter);
}

QString ContainerdRoot::hostRoot(const QString &snapshotter) const
{
    if (folderPathStyleFor(snapshotter) == FolderPathStyle::Windows)
        return QStringLiteral("C:\\ProgramData\\containerd\\root\\%1%2").arg(QLatin1String(SnapshotterPrefix), snapshotter);
    const QString db = snapshotterDbPath(snapshotter);
    return db.isEmpty() ? QString() : QFileInfo(db).absolutePath();
}

Result<MetadataDb> ContainerdRoot::metadataDb() const
{
    if (m_metaDb.isEmpty())
        return Error{Error::NotFound, QStringLiteral("no meta.db found")};
    return MetadataDb::open(m_metaDb);
}

Result<QString> ContainerdRoot::resolveSnapshotter(const QString &snapshotter) const
{
    if (snapshotter.isEmpty() && m_snapshotterDbs.size() == 1)
        return m_snapshotterDbs.firstKey();
    if (m_snapshotterDbs.contains(snapshotter))
        return snapshotter;
    // A loose metadata.db has no name of its own; the caller's name is then taken on trust.
    if (m_snapshotterDbs.size() == 1 && m_snapshotterDbs.contains(QString()))
        return QString();
    return Error{Error::NotFound, QStringLiteral("no metadata.db for snapshotter \"%1\" (found: %2)")
                                      .arg(snapshotter, m_snapshotterDbs.keys().join(QStringLiteral(", ")))};
}

Result<SnapshotterDb> ContainerdRoot::snapshotterDb(const QString &snapshotter) const
{
    auto name = resolveSnapshotter(snapshotter);
    if (!name.ok())
        return name.error();
    return SnapshotterDb::open(m_snapshotterDbs.value(*name));
}

Result<QList<SnapshotFolder>> ContainerdRoot::folders(const QString &snapshotter, const QString &namespaceName,
                                                      const QString &displayRoot,
                                                      std::optional<FolderPathStyle> style) const
{
    auto resolved = resolveSnapshotter(snapshotter);
    if (!resolved.ok())
        return resolved.error();
    const QString name = resolved->isEmpty() ? snapshotter : *resolved;
    auto db = SnapshotterDb::open(m_snapshotterDbs.value(*resolved));
    if (!db.ok())
        return db.error();
    const QString folderRoot = displayRoot.isEmpty() ? hostRoot(name) : displayRoot;
    const QString dir = snapshotsDir(folderRoot, style.value_or(folderPathStyleFor(name)));
    const QString source = QStringLiteral("metadata.db at %1").arg(m_snapshotterDbs.value(*resolved));

    std::optional<MetadataDb> meta;
    if (!namespaceName.isEmpty() && !m_metaDb.isEmpty()) {
        auto opened = MetadataDb::open(m_metaDb);
        if (!opened.ok())
            return opened.error();
        meta = std::move(*opened);
    }
    QList<SnapshotFolder> out;
    for (const auto &row : SnapshotJoin::rows(&*db, meta ? &*meta : nullptr, namespaceName, name)) {
        SnapshotFolder f;
        if (row.record) {
            f = SnapshotterDb::folderIn(*row.record, dir);
            f.source = source;
        }
        f.key = row.name;
        f.parent = row.parent;
        out.append(f);
    }
    return out;
}

} // namespace strata
