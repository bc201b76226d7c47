#pragma once

#include "core/result.h"
#include "oci/imageresolver.h"
#include "types/mount.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

namespace strata {

class AtlasModel;

// What the atlas page and its details pane need from wherever the store is read: a live
// containerd (AtlasController) or files opened offline (OfflineAtlasController). Loads run off
// the GUI thread; results come back as signals and callbacks on it.
class AtlasBackend : public QObject
{
    Q_OBJECT
public:
    AtlasBackend(AtlasModel *model, QObject *parent) : QObject(parent), m_model(model) {}

    AtlasModel *model() const { return m_model; }
    virtual QString snapshotter() const = 0;
    virtual QString ns() const = 0;
    // False when the store is only read from files: nothing may change it, and nothing that
    // needs a daemon (mounts, snapshot actions, runs) is offered.
    virtual bool isLive() const = 0;
    // The error as a sentence that says what to do.
    virtual QString describe(const Error &error) const = 0;

    // Each calls `done` on the GUI thread while `context` lives; a later call does not cancel
    // an earlier one, so callers drop stale answers themselves.
    virtual void readMounts(QObject *context, const QString &key, std::function<void(Result<QList<Mount>>)> done) = 0;
    virtual void resolveImage(QObject *context, const QString &name, std::function<void(Result<ResolvedImage>)> done) = 0;

public Q_SLOTS:
    virtual void setSnapshotter(const QString &snapshotter) = 0;
    virtual void setNamespace(const QString &ns) = 0;
    // Asks which snapshotters and namespaces there are (choicesFetched).
    virtual void fetchChoices() = 0;
    virtual void reload() = 0;

Q_SIGNALS:
    void loadingChanged(bool loading, const QString &status);
    void loaded(int images, int snapshots, qint64 elapsedMs);
    // `what` says which step failed, e.g. "Could not load the snapshots".
    void failed(const QString &what, const strata::Error &error);
    void choicesFetched(const QStringList &snapshotters, const QStringList &namespaces);
    // Live updates stopped (containerd unreachable; `error` says why) or came back.
    void liveUpdatesChanged(bool live, const strata::Error &error);

private:
    AtlasModel *m_model;
};

} // namespace strata
