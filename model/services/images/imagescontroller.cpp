#include "images/imagescontroller.h"

#include "client/client.h"
#include "client/imagesservice.h"
#include "events/eventwatcher.h"
#include "images/imagelistmodel.h"
#include "images/imageunpacker.h"
#include "oci/imageresolver.h"
#include "session/session.h"

namespace strata {

ImagesController::ImagesController(Session *session, ImageListModel *model, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_model(model)
    , m_watcher(new EventWatcher(this))
{
    connect(m_session, &Session::connected, this, &ImagesController::reload);
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) {
        if (state == Session::State::Connecting)
            forget();
    });
    connect(m_session, &Session::choiceChanged, this, &ImagesController::forget);
    connect(m_watcher, &EventWatcher::failed, this, [this](const Error &error, bool retrying) {
        m_session->reportError(error);
        if (!retrying)
            Q_EMIT failed(tr("Image updates stopped; Refresh reloads"), error);
    });
    // What changed during an outage came without events.
    connect(m_watcher, &EventWatcher::resumed, this, &ImagesController::reload);
}

ImagesController::~ImagesController() = default;

void ImagesController::reload()
{
    auto client = m_session->client();
    if (!client)
        return;
    const quint64 gen = ++m_loadGeneration;
    m_loading = true;
    m_pending.clear();
    Q_EMIT loadingChanged(true);
    // The stream starts before the load so that nothing between the two is missed.
    ensureWatching();
    m_session->call(
        this,
        [snapshotter = m_session->snapshotter()](const std::shared_ptr<const Client> &c) -> Result<QList<ImageSummary>> {
            auto records = ImagesService(c).list();
            if (!records)
                return records.error();
            return ImageSummary::loadAll(c, *records, snapshotter);
        },
        [this, gen](Result<QList<ImageSummary>> images) {
            if (gen != m_loadGeneration)
                return;
            m_loading = false;
            Q_EMIT loadingChanged(false);
            if (!images) {
                m_pending.clear();
                m_session->reportError(images.error());
                Q_EMIT failed(tr("Could not list images"), images.error());
                return;
            }
            m_model->setImages(*images);
            for (const auto &[name, image] : std::exchange(m_pending, {}))
                apply(name, image);
            Q_EMIT loaded(m_model->rowCount());
        });
}

void ImagesController::unpack(const QString &name, std::function<void(Status)> done)
{
    if (!m_session->client() || m_unpacking.contains(name))
        return;
    m_unpacking.insert(name);
    m_session->call(
        this,
        [name, snapshotter = m_session->snapshotter()](const std::shared_ptr<const Client> &c) -> Status {
            auto image = ImageResolver(c).resolve(name);
            if (!image)
                return image.error();
            auto layers = ImageUnpacker(c, snapshotter).unpack(*image);
            if (!layers)
                return layers.error();
            return success();
        },
        [this, name, done = std::move(done)](Status status) {
            m_unpacking.remove(name);
            if (!status)
                m_session->reportError(status.error());
            reload();
            done(status);
        });
}

void ImagesController::forget()
{
    ++m_loadGeneration;
    m_loading = false;
    m_pending.clear();
    m_unpacking.clear(); // their answers are dropped with the session's generation
    m_model->setImages({});
}

void ImagesController::ensureWatching()
{
    const quint64 gen = m_session->generation();
    if (m_watcher->isWatching() && gen == m_watchGeneration)
        return;
    m_watchGeneration = gen;
    auto client = m_session->client();
    m_watcher->start(client, EventFilter{client->ns(), {QStringLiteral("/images/")}},
                     [client, snapshotter = m_session->snapshotter(), this](const EventEnvelope &e, const EventWatcher::Deliver &deliver) {
                         const QString name = e.fields.value(QStringLiteral("name")).toString();
                         if (name.isEmpty())
                             return;
                         // A delete, or a create or update whose image is gone again by now.
                         Result<ImageSummary> image = Error{Error::NotFound, name};
                         if (e.topic != QLatin1String("/images/delete")) {
                             auto record = ImagesService(client).get(name);
                             if (record)
                                 image = ImageSummary::load(client, *record, snapshotter);
                             else if (!record.error().is(Error::NotFound))
                                 return;
                         }
                         // Runs on this controller's thread, and only while this watch is current.
                         deliver([this, name, image] {
                             if (m_loading)
                                 m_pending.append({name, image});
                             else
                                 apply(name, image);
                         });
                     });
}

void ImagesController::apply(const QString &name, const Result<ImageSummary> &image)
{
    if (image)
        m_model->upsert(*image);
    else
        m_model->remove(name);
}

} // namespace strata
