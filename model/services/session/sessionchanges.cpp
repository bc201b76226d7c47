#include "session/sessionchanges.h"

#include "client/client.h"
#include "events/eventwatcher.h"
#include "session/session.h"
#include "snapshots/temporaryview.h"

namespace strata {

namespace {
// Events come in bursts (prepare, commit; create, start, exit, delete): one reload per burst.
constexpr int kBurstMs = 150;
} // namespace

SessionChanges::SessionChanges(Session *session, QStringList topics, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_topics(std::move(topics))
    , m_watcher(new EventWatcher(this))
{
    m_burst.setSingleShot(true);
    m_burst.setInterval(kBurstMs);
    connect(&m_burst, &QTimer::timeout, this, &SessionChanges::changed);
    connect(m_watcher, &EventWatcher::event, this, [this](const EventEnvelope &e) {
        // Strata's own temporary views come and go while it reads folder numbers: counting
        // their removal as a change would make a reload that reads folders reload for ever.
        if (!TemporaryView::isTemporary(e.fields.value(QStringLiteral("key")).toString()))
            m_burst.start();
    });
    // What happened while the stream was down came without events.
    connect(m_watcher, &EventWatcher::resumed, &m_burst, qOverload<>(&QTimer::start));
    connect(m_watcher, &EventWatcher::failed, this, [this](const Error &error) { m_session->reportError(error); });
    connect(m_session, &Session::connected, this, [this] {
        ensureWatching();
        m_burst.start();
    });
    ensureWatching();
}

void SessionChanges::ensureWatching()
{
    auto client = m_session->client();
    if (!client || (m_watcher->isWatching() && m_watchedGeneration == m_session->generation()))
        return;
    m_watchedGeneration = m_session->generation();
    m_watcher->start(client, EventFilter{client->ns(), m_topics});
}

} // namespace strata
