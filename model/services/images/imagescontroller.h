#pragma once

#include "core/result.h"
#include "images/imagesummary.h"

#include <QList>
#include <QObject>
#include <QSet>

#include <functional>
#include <utility>

namespace strata {

class EventWatcher;
class ImageListModel;
class Session;

// Keeps an ImageListModel in step with the session's namespace: a full load on a worker (on
// connect and Refresh), then image events (create, update, delete) applied row by row, each
// image read on the watch's thread. Loads and events of an earlier connection are dropped.
class ImagesController : public QObject
{
    Q_OBJECT
public:
    ImagesController(Session *session, ImageListModel *model, QObject *parent = nullptr);
    ~ImagesController() override;

    ImageListModel *model() const { return m_model; }

    // Unpacks the image's missing layers from the content store into the session's
    // snapshotter on a worker; `done` runs on this thread unless the session moved on. The
    // row is read again afterwards (no image event says its layers changed). One unpack per
    // image at a time: a second call while one runs does nothing.
    void unpack(const QString &name, std::function<void(Status)> done);
    // Until its answer arrives, or the session moves on and the answer is dropped.
    bool isUnpacking(const QString &name) const { return m_unpacking.contains(name); }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded(int images);
    void failed(const QString &what, const strata::Error &error);

private:
    void ensureWatching();
    void apply(const QString &name, const Result<ImageSummary> &image);
    // Another address, namespace or snapshotter: the rows shown are not its images.
    void forget();

    Session *m_session;
    ImageListModel *m_model;
    EventWatcher *m_watcher;
    quint64 m_watchGeneration = 0;
    quint64 m_loadGeneration = 0;
    bool m_loading = false;
    // Events that arrive during a load wait for it: applied earlier, the load would undo them.
    QList<std::pair<QString, Result<ImageSummary>>> m_pending;
    QSet<QString> m_unpacking;
};

} // namespace strata
