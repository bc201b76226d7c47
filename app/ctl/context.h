#pragma once

#include "core/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>
#include <QTextStream>

#include <memory>

namespace strata {
class Client;
}

namespace strata::ctl {

// What every command shares: the global options, the connection, and how results and errors
// are written (one line per error, naming the cause and what to try).
class Context
{
public:
    // Interrupted: as a shell reports a command SIGINT ended (128 + 2); fail() returns it for
    // Error::Cancelled.
    enum Exit { Ok = 0, Failed = 1, Usage = 2, Interrupted = 130 };

    static QList<QCommandLineOption> globalOptions();

    explicit Context(const QCommandLineParser &parser);
    ~Context();

    const QString &address() const { return m_address; }
    const QString &ns() const { return m_ns; }
    const QString &snapshotter() const { return m_snapshotter; }
    bool json() const { return m_json; }

    // The client, created on first use.
    Result<std::shared_ptr<const Client>> client();

    QTextStream &out() { return m_out; }
    void printJson(const QJsonDocument &doc);
    int fail(const Error &error);
    int usage(const QString &message);
    // A list came back empty: an error when the reason is a namespace that does not exist
    // (containerd answers an unknown namespace with nothing, not with an error). Success
    // when no client was made (an offline read).
    Status checkNamespace();

private:
    // What to try, when the error alone does not say and containerd can tell.
    QString hint(const Error &error);

    QString m_address;
    QString m_ns;
    QString m_snapshotter;
    bool m_json = false;
    std::shared_ptr<const Client> m_client;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace strata::ctl
