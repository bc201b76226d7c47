#include "context.h"

#include "client/address.h"
#include "client/client.h"
#include "client/errortext.h"
#include "client/introspectionservice.h"
#include "client/namespacesservice.h"
#include "snapshots/folderlookup.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

#include <cstdio>

namespace strata::ctl {

QList<QCommandLineOption> Context::globalOptions()
{
    return {
        {QStringLiteral("address"), QStringLiteral("containerd address (env CONTAINERD_ADDRESS; default %1)").arg(Address::defaultAddress()),
         QStringLiteral("address")},
        {QStringLiteral("namespace"), QStringLiteral("containerd namespace (env CONTAINERD_NAMESPACE; default \"default\")"),
         QStringLiteral("name")},
        {QStringLiteral("snapshotter"), QStringLiteral("snapshotter (default %1)").arg(FolderLookup::defaultSnapshotter()), QStringLiteral("name")},
        {QStringLiteral("json"), QStringLiteral("print JSON instead of a table")},
    };
}

Context::Context(const QCommandLineParser &parser)
    : m_out(stdout)
    , m_err(stderr)
{
    const auto env = QProcessEnvironment::systemEnvironment();
    m_address = parser.isSet(QStringLiteral("address")) ? parser.value(QStringLiteral("address")) : Address::defaultAddress();
    m_ns = parser.isSet(QStringLiteral("namespace"))
        ? parser.value(QStringLiteral("namespace"))
        : env.value(QStringLiteral("CONTAINERD_NAMESPACE"), QStringLiteral("default"));
    m_snapshotter = parser.isSet(QStringLiteral("snapshotter")) ? parser.value(QStringLiteral("snapshotter")) : FolderLookup::defaultSnapshotter();
    m_json = parser.isSet(QStringLiteral("json"));
}

Context::~Context() = default;

Result<std::shared_ptr<const Client>> Context::client()
{
    if (!m_client) {
        auto created = Client::create({m_address, m_ns, std::chrono::seconds(10)});
        if (!created)
            return created.error();
        m_client = *created;
    }
    return m_client;
}

void Context::printJson(const QJsonDocument &doc)
{
    m_out << doc.toJson(QJsonDocument::Indented);
    m_out.flush();
}

int Context::fail(const Error &error)
{
    m_out.flush();
    m_err << "stratactl: " << ErrorText::describe(error, m_address) << hint(error) << Qt::endl;
    return error.is(Error::Cancelled) ? Interrupted : Failed;
}

Status Context::checkNamespace()
{
    if (!m_client)
        return success();
    auto namespaces = NamespacesService(m_client).list();
    if (!namespaces)
        return namespaces.error();
    for (const NamespaceRecord &n : *namespaces) {
        if (n.name == m_ns)
            return success();
    }
    return Error{Error::NotFound, QStringLiteral("namespace \"%1\" does not exist; stratactl namespaces lists them, "
                                                 "--namespace picks one").arg(m_ns)};
}

QString Context::hint(const Error &error)
{
    // containerd names the snapshotter it lacks, not the ones it has.
    if (!m_client || !error.message.contains(QLatin1String("snapshotter not loaded")))
        return {};
    auto loaded = IntrospectionService(m_client).snapshotters();
    if (!loaded)
        return {};
    QStringList names;
    for (const PluginRecord &p : *loaded)
        names << p.id;
    return QStringLiteral("; this containerd has %1 (pick one with --snapshotter)").arg(names.join(QLatin1String(", ")));
}

int Context::usage(const QString &message)
{
    m_out.flush();
    m_err << "stratactl: " << message << " (see --help)" << Qt::endl;
    return Usage;
}

} // namespace strata::ctl
