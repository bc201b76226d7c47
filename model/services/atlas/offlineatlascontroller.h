#pragma once

#include "atlas/atlasbackend.h"

#include <QElapsedTimer>
#include <QString>

#include <memory>

namespace strata {

class OfflineAtlas;

// The atlas of a containerd root (or a lone meta.db / metadata.db) read from files: every load
// reopens them on a worker thread, so Refresh shows what changed on disk. Read-only: it offers
// no mounts and no snapshot actions, and never writes a byte.
class OfflineAtlasController : public AtlasBackend
{
    Q_OBJECT
public:
    OfflineAtlasController(QString path, AtlasModel *model, QObject *parent = nullptr);
    ~OfflineAtlasController() override;

    QString path() const { return m_path; }
    QString snapshotter() const override { return m_snapshotter; }
    QString ns() const override { return m_ns; }
    bool isLive() const override { return false; }
    QString describe(const Error &error) const override;
    // What the last load found, for people: which files, with names or without.
    QString sourceText() const { return m_sourceText; }

    // The folder root paths are spelled under (containerd's on the store's own host); empty:
    // the store's default (see OfflineAtlas::defaultHostRoot).
    QString hostRoot() const { return m_hostRoot; }
    QString defaultHostRoot() const { return m_defaultHostRoot; }
    void setHostRoot(const QString &root);

    void readMounts(QObject *context, const QString &key, std::function<void(Result<QList<Mount>>)> done) override;
    void resolveImage(QObject *context, const QString &name, std::function<void(Result<ResolvedImage>)> done) override;

    void setSnapshotter(const QString &snapshotter) override;
    void setNamespace(const QString &ns) override;
    void fetchChoices() override;
    void reload() override;

private:
    QString m_path;
    QString m_snapshotter;
    QString m_ns;
    QString m_hostRoot;
    QString m_defaultHostRoot;
    QString m_sourceText;
    QStringList m_snapshotters;
    QStringList m_namespaces;
    std::shared_ptr<const OfflineAtlas> m_atlas;
    quint64 m_generation = 0;
    QElapsedTimer m_clock;
};

} // namespace strata
