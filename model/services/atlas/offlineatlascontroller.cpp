#include "atlas/offlineatlascontroller.h"

#include "atlas/atlasmodel.h"
#include "atlas/offlineatlas.h"
#include "core/whenfinished.h"
#include "snapshots/folderlookup.h"

#include <QtConcurrent/QtConcurrentRun>

namespace strata {

namespace {

struct Loaded
{
    Result<std::shared_ptr<const OfflineAtlas>> atlas = Error{};
    Result<AtlasContents> contents = Error{};
    QString snapshotter;
    QString ns;
    QStringList namespaces; // of `snapshotter`: without meta.db, reading them decodes its db
};

// A loose metadata.db does not say whose it is; these are the snapshotters worth guessing.
QStringList knownSnapshotters()
{
    return {QStringLiteral("overlayfs"), QStringLiteral("native"), QStringLiteral("windows")};
}

Loaded load(const QString &path, QString snapshotter, QString ns, const QString &hostRoot)
{
    Loaded out;
    auto atlas = OfflineAtlas::open(path);
    if (!atlas) {
        out.atlas = atlas.error();
        return out;
    }
    auto shared = std::make_shared<const OfflineAtlas>(std::move(*atlas));
    const QStringList names = shared->snapshotters();
    if (!names.contains(snapshotter) && names != QStringList{QString()})
        snapshotter = names.contains(FolderLookup::defaultSnapshotter()) ? FolderLookup::defaultSnapshotter() : names.value(0);
    if (snapshotter.isEmpty())
        snapshotter = FolderLookup::defaultSnapshotter();
    out.namespaces = shared->namespaces(snapshotter);
    if (!out.namespaces.contains(ns))
        ns = shared->defaultNamespace(snapshotter);
    out.contents = shared->load(snapshotter, ns, hostRoot);
    out.atlas = shared;
    out.snapshotter = snapshotter;
    out.ns = ns;
    return out;
}

} // namespace

OfflineAtlasController::OfflineAtlasController(QString path, AtlasModel *model, QObject *parent)
    : AtlasBackend(model, parent)
    , m_path(std::move(path))
{
}

OfflineAtlasController::~OfflineAtlasController() = default;

QString OfflineAtlasController::describe(const Error &error) const
{
    switch (error.code) {
    case Error::Corrupt:
        return tr("%1. The file is damaged or not a bolt database; Strata read it without changing it.").arg(error.message);
    case Error::PermissionDenied:
    case Error::Io:
        return tr("%1. Run Strata as root, or copy the files somewhere readable.").arg(error.message);
    default:
        return error.message;
    }
}

void OfflineAtlasController::setHostRoot(const QString &root)
{
    if (root == m_hostRoot)
        return;
    m_hostRoot = root;
    reload();
}

void OfflineAtlasController::readMounts(QObject *, const QString &, std::function<void(Result<QList<Mount>>)> done)
{
    done(Error{Error::Unavailable, tr("Mounts are made by a running containerd; this store is open offline, read-only.")});
}

void OfflineAtlasController::resolveImage(QObject *context, const QString &name, std::function<void(Result<ResolvedImage>)> done)
{
    if (!m_atlas)
        return done(Error{Error::Unavailable, tr("The store is still being read.")});
    whenFinished(context, QtConcurrent::run([atlas = m_atlas, ns = m_ns, name, snapshotter = m_snapshotter] {
        return atlas->resolveImage(ns, name, snapshotter);
    }), std::move(done));
}

void OfflineAtlasController::setSnapshotter(const QString &snapshotter)
{
    if (snapshotter.isEmpty() || snapshotter == m_snapshotter)
        return;
    m_snapshotter = snapshotter;
    model()->clear();
    reload();
}

void OfflineAtlasController::setNamespace(const QString &ns)
{
    if (ns == m_ns)
        return;
    m_ns = ns;
    model()->clear();
    reload();
}

void OfflineAtlasController::fetchChoices()
{
    if (m_atlas)
        Q_EMIT choicesFetched(m_snapshotters, m_namespaces);
}

void OfflineAtlasController::reload()
{
    const quint64 gen = ++m_generation;
    Q_EMIT loadingChanged(true, tr("Reading %1…").arg(m_path));
    m_clock.start();
    whenFinished(this, QtConcurrent::run([path = m_path, snapshotter = m_snapshotter, ns = m_ns, hostRoot = m_hostRoot] {
        return load(path, snapshotter, ns, hostRoot);
    }), [this, gen](Loaded result) {
        if (gen != m_generation)
            return;
        Q_EMIT loadingChanged(false, {});
        if (!result.atlas) {
            Q_EMIT failed(tr("Could not open %1").arg(m_path), result.atlas.error());
            return;
        }
        m_atlas = *result.atlas;
        if (result.snapshotter != m_snapshotter || result.ns != m_ns)
            model()->clear();
        m_snapshotter = result.snapshotter;
        m_ns = result.ns;
        m_defaultHostRoot = m_atlas->defaultHostRoot(m_snapshotter);
        m_snapshotters = m_atlas->snapshotters() == QStringList{QString()} ? knownSnapshotters() : m_atlas->snapshotters();
        m_namespaces = result.namespaces;
        const QString names = m_atlas->hasNames() ? tr("names from meta.db") : tr("no meta.db: names from the snapshotter's keys, no images");
        m_sourceText = tr("%1 · %2%3").arg(m_path, names,
                                           m_atlas->hasNames() && !m_atlas->hasContent() ? tr(" · no content store: image layers unknown") : QString());
        Q_EMIT choicesFetched(m_snapshotters, m_namespaces);
        if (!result.contents) {
            Q_EMIT failed(tr("Could not read the %1 snapshots").arg(m_snapshotter), result.contents.error());
            return;
        }
        model()->setContents(*result.contents);
        Q_EMIT loaded(model()->imageCount(), model()->snapshotCount(), m_clock.elapsed());
    });
}

} // namespace strata
