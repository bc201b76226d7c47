#include "session/session.h"

#include "client/client.h"
#include "client/errortext.h"
#include "client/versionservice.h"
#include "snapshots/folderlookup.h"

namespace strata {

namespace {
// Fast enough to notice a restarted containerd within a couple of seconds, slow enough to be
// invisible in a profile.
constexpr int kProbeIntervalMs = 2000;
} // namespace

Session::Session(QObject *parent)
    : QObject(parent)
    , m_snapshotter(FolderLookup::defaultSnapshotter())
{
    // Blocking waits (Tasks.Wait, event streams) hold threads; keep room for short calls.
    m_pool.setMaxThreadCount(16);
    m_probeTimer.setInterval(kProbeIntervalMs);
    connect(&m_probeTimer, &QTimer::timeout, this, &Session::probe);
}

Session::~Session()
{
    m_probeTimer.stop();
    ++m_generation;
    m_pool.waitForDone();
}

void Session::connectTo(const QString &address, const QString &ns)
{
    ++m_generation;
    m_probing = false; // a probe of the previous connection is dropped, not awaited
    m_address = address;
    m_ns = ns;
    m_version = {};
    auto client = Client::create({address, ns, std::chrono::seconds(10)});
    if (!client) {
        m_client.reset();
        m_probeTimer.stop();
        setState(State::Unreachable, ErrorText::describe(client.error(), address, ErrorText::Reader::Gui));
        return;
    }
    m_client = *client;
    setState(State::Connecting, tr("Connecting to %1…").arg(address));
    probe();
    m_probeTimer.start();
}

void Session::setNamespace(const QString &ns)
{
    switchTo(ns, m_snapshotter);
}

void Session::setSnapshotter(const QString &snapshotter)
{
    switchTo(m_ns, snapshotter);
}

void Session::switchTo(const QString &ns, const QString &snapshotter)
{
    if (ns.isEmpty() || snapshotter.isEmpty() || (ns == m_ns && snapshotter == m_snapshotter))
        return;
    ++m_generation;
    m_probing = false; // its answer is dropped with the generation; the next probe runs
    m_ns = ns;
    m_snapshotter = snapshotter;
    if (m_client)
        m_client = m_client->withNamespace(ns);
    Q_EMIT choiceChanged();
    if (m_state == State::Connected)
        Q_EMIT connected();
}

QString Session::describe(const Error &error) const
{
    return ErrorText::describe(error, m_address, ErrorText::Reader::Gui);
}

void Session::reportError(const Error &error)
{
    if (error.is(Error::Unavailable) && m_state == State::Connected)
        setState(State::Unreachable, describe(error));
}

void Session::probe()
{
    if (m_probing || !m_client)
        return;
    m_probing = true;
    call(this, [](const std::shared_ptr<const Client> &c) { return VersionService(c).version(); },
         [this](Result<VersionInfo> version) {
             m_probing = false;
             if (!version) {
                 setState(State::Unreachable, describe(version.error()));
                 return;
             }
             const bool fresh = m_state != State::Connected;
             m_version = *version;
             if (fresh) {
                 setState(State::Connected, tr("Connected to containerd %1 at %2, namespace %3")
                                                .arg(m_version.version, m_address, m_ns));
                 Q_EMIT connected();
             }
         });
}

void Session::setState(State state, const QString &message)
{
    // Each failed probe reports the same outage again; views hear of it once.
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged(state, message);
}

} // namespace strata
