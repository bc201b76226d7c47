#include "atlas/foldercache.h"

#include <QMutexLocker>

namespace strata {

std::optional<SnapshotFolder> FolderCache::find(const QString &key, const QString &parent) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_folders.constFind(key);
    if (it == m_folders.cend() || it->parent != parent)
        return std::nullopt;
    return *it;
}

std::optional<SnapshotFolder> FolderCache::entry(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    auto it = m_folders.constFind(key);
    if (it == m_folders.cend())
        return std::nullopt;
    return *it;
}

void FolderCache::store(const QList<SnapshotFolder> &folders)
{
    QMutexLocker lock(&m_mutex);
    for (const auto &f : folders) {
        if (!f.id.isEmpty())
            m_folders.insert(f.key, f);
    }
}

void FolderCache::rename(const QString &from, const QString &to)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_folders.find(from);
    if (it == m_folders.end())
        return;
    SnapshotFolder f = *it;
    m_folders.erase(it);
    f.key = to;
    f.kind = SnapshotKind::Committed;
    m_folders.insert(to, f);
}

void FolderCache::forget(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_folders.remove(key);
}

int FolderCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_folders.size());
}

} // namespace strata
