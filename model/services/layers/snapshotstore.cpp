#include "layers/snapshotstore.h"

#include "layers/layerpath.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace strata {

namespace {

QString dashIsEmpty(const QString &field)
{
    return field == QLatin1String("-") ? QString() : field;
}

} // namespace

SnapshotStore::SnapshotStore(QList<SnapshotFolder> folders) : m_folders(std::move(folders))
{
    bool dirsAgree = true;
    for (qsizetype i = 0; i < m_folders.size(); ++i) {
        const SnapshotFolder &f = m_folders.at(i);
        m_byKey.insert(f.key, i);
        if (f.path.isEmpty())
            continue;
        m_byPath.insert(LayerPath::normalized(f.path), i);
        const QString dir = LayerPath::parentDir(f.path);
        if (m_snapshotsDir.isEmpty() && dirsAgree)
            m_snapshotsDir = dir;
        else if (dir != m_snapshotsDir)
            dirsAgree = false;
    }
    if (!dirsAgree)
        m_snapshotsDir.clear();
}

Result<SnapshotStore> SnapshotStore::fromText(const QString &text)
{
    static const QRegularExpression row(QStringLiteral(R"(^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.+)$)"));
    QList<SnapshotFolder> folders;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = row.match(line);
        if (!m.hasMatch())
            return Error{Error::Corrupt, QStringLiteral("line %1: expected `key parent kind id path`").arg(n + 1)};
        const auto kind = kindFromName(m.captured(3));
        if (!kind)
            return Error{Error::Corrupt, QStringLiteral("line %1: unknown kind \"%2\"").arg(n + 1).arg(m.captured(3))};
        folders << SnapshotFolder{m.captured(1), dashIsEmpty(m.captured(2)), *kind,
                                  dashIsEmpty(m.captured(4)), dashIsEmpty(m.captured(5)), {}};
    }
    return SnapshotStore(folders);
}

Result<SnapshotStore> SnapshotStore::fromJson(const QJsonArray &rows)
{
    QList<SnapshotFolder> folders;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject o = rows.at(i).toObject();
        const auto kind = kindFromName(o.value(QLatin1String("kind")).toString());
        if (o.value(QLatin1String("key")).toString().isEmpty() || !kind)
            return Error{Error::Corrupt, QStringLiteral("row %1: needs a key and a known kind").arg(i)};
        folders << SnapshotFolder{o.value(QLatin1String("key")).toString(), o.value(QLatin1String("parent")).toString(),
                                  *kind, o.value(QLatin1String("id")).toString(), o.value(QLatin1String("path")).toString(), {}};
    }
    return SnapshotStore(folders);
}

const SnapshotFolder *SnapshotStore::find(const QString &key) const
{
    const auto it = m_byKey.constFind(key);
    return it == m_byKey.constEnd() ? nullptr : &m_folders.at(*it);
}

const SnapshotFolder *SnapshotStore::findByPath(const QString &path) const
{
    const auto it = m_byPath.constFind(LayerPath::normalized(path));
    return it == m_byPath.constEnd() ? nullptr : &m_folders.at(*it);
}

QStringList SnapshotStore::parentKeys(const QString &key) const
{
    QStringList chain;
    QSet<QString> seen{key};
    const SnapshotFolder *f = find(key);
    while (f && !f->parent.isEmpty() && !seen.contains(f->parent)) {
        chain << f->parent;
        seen.insert(f->parent);
        f = find(f->parent);
    }
    return chain;
}

QList<SnapshotFolder> SnapshotStore::activeChildren(const QString &key) const
{
    QList<SnapshotFolder> out;
    for (const SnapshotFolder &f : m_folders) {
        if (f.parent == key && f.kind == SnapshotKind::Active)
            out << f;
    }
    return out;
}

} // namespace strata
