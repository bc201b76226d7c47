#include "layers/layerstack.h"

#include "layers/overlayfolder.h"
#include "layers/snapshotstore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace strata {

namespace {

QString optionValue(const QStringList &options, const QString &name)
{
    const QString prefix = name + QLatin1Char('=');
    for (const QString &o : options) {
        if (o.startsWith(prefix))
            return o.mid(prefix.size());
    }
    return {};
}

} // namespace

LayerStack::LayerStack(QList<LayerEntry> entries) : m_entries(std::move(entries)) {}

LayerStack LayerStack::fromFolders(const QStringList &folders)
{
    LayerStack stack;
    for (const QString &f : folders)
        stack.append(f);
    return stack;
}

Result<LayerStack> LayerStack::fromMount(const Mount &mount)
{
    QStringList folders;
    if (mount.type == QLatin1String("windows-layer")) {
        const QString parents = optionValue(mount.options, QStringLiteral("parentLayerPaths"));
        if (!parents.isEmpty()) {
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(parents.toUtf8(), &err);
            if (!doc.isArray())
                return Error{Error::Corrupt, QStringLiteral("parentLayerPaths is not a JSON array: %1").arg(err.errorString())};
            for (const QJsonValue &v : doc.array())
                folders << v.toString();
        }
        folders << mount.source;
    } else if (mount.type == QLatin1String("overlay")) {
        const QString lower = optionValue(mount.options, QStringLiteral("lowerdir"));
        if (!lower.isEmpty())
            folders << lower.split(QLatin1Char(':'));
        const QString upper = optionValue(mount.options, QStringLiteral("upperdir"));
        if (!upper.isEmpty())
            folders << upper;
        for (QString &folder : folders)
            folder = OverlayFolder::of(folder);
    } else if (mount.type == QLatin1String("bind")) {
        folders << mount.source;
    } else {
        return Error{Error::Unimplemented, QStringLiteral("mount type \"%1\" has no layer folders Strata knows how to read").arg(mount.type)};
    }
    return fromFolders(folders);
}

QStringList LayerStack::folders() const
{
    QStringList out;
    out.reserve(m_entries.size());
    for (const LayerEntry &e : m_entries)
        out << e.folder;
    return out;
}

void LayerStack::append(const QString &folder)
{
    m_entries.append(LayerEntry{folder, {}, SnapshotKind::Unknown});
}

void LayerStack::insert(qsizetype row, const QString &folder)
{
    m_entries.insert(row, LayerEntry{folder, {}, SnapshotKind::Unknown});
}

void LayerStack::remove(qsizetype row)
{
    m_entries.removeAt(row);
}

void LayerStack::move(qsizetype from, qsizetype to)
{
    m_entries.move(from, to);
}

LayerStack LayerStack::resolved(const SnapshotStore &store) const
{
    LayerStack out = *this;
    for (LayerEntry &e : out.m_entries) {
        const SnapshotFolder *f = store.findByPath(e.folder);
        e.key = f ? f->key : QString();
        e.kind = f ? f->kind : SnapshotKind::Unknown;
    }
    return out;
}

} // namespace strata
