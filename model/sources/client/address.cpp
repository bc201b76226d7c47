#include "client/address.h"

#include <QRegularExpression>

namespace strata {

namespace {

// sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
constexpr qsizetype kMaxSocketPath = 107;

Error invalid(const QString &message) { return Error{Error::InvalidArgument, message}; }

QString hint()
{
    return QStringLiteral("use unix:///path/to/containerd.sock or npipe:////./pipe/containerd-containerd");
}

} // namespace

Result<Address> Address::parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return invalid(QStringLiteral("The containerd address is empty: %1.").arg(hint()));
    if (t.contains(QChar(0)))
        return invalid(QStringLiteral("The containerd address contains a NUL character."));

    // \\server\pipe\name with either slash; npipe: URLs carry it with any number of leading slashes.
    static const QRegularExpression pipe(QStringLiteral("^[/\\\\]{2}([^/\\\\]+)[/\\\\]pipe[/\\\\](.+)$"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString pipeText;
    if (t.startsWith(QLatin1String("npipe:"), Qt::CaseInsensitive)) {
        QString rest = t.mid(6);
        while (rest.startsWith(QLatin1Char('/')) || rest.startsWith(QLatin1Char('\\')))
            rest.remove(0, 1);
        pipeText = QStringLiteral("//") + rest;
        if (!pipe.match(pipeText).hasMatch())
            return invalid(QStringLiteral("\"%1\" is not a named pipe address: expected npipe:////./pipe/<name>.").arg(t));
    } else if (pipe.match(t).hasMatch()) {
        pipeText = t;
    }
    if (!pipeText.isEmpty()) {
        const auto m = pipe.match(pipeText);
        QString name = m.captured(2);
        name.replace(QLatin1Char('/'), QLatin1Char('\\'));
        return Address(Kind::NamedPipe, QStringLiteral("\\\\%1\\pipe\\%2").arg(m.captured(1), name));
    }

    QString path;
    if (t.startsWith(QLatin1String("unix://"), Qt::CaseInsensitive))
        path = t.mid(7);
    else if (t.startsWith(QLatin1String("unix:"), Qt::CaseInsensitive))
        path = t.mid(5);
    else if (t.startsWith(QLatin1Char('/')) || t.startsWith(QLatin1Char('.')))
        path = t;
    else if (t.startsWith(QLatin1String("tcp:"), Qt::CaseInsensitive))
        return invalid(QStringLiteral("\"%1\": containerd serves its API only on a unix socket or a named pipe "
                                      "(its TCP listener carries CRI alone): %2.").arg(t, hint()));
    else if (const qsizetype colon = t.indexOf(QLatin1String("://")); colon > 0)
        return invalid(QStringLiteral("\"%1\": unknown scheme \"%2\": %3.").arg(t, t.left(colon), hint()));
    else
        return invalid(QStringLiteral("\"%1\" is not a containerd address: %2.").arg(t, hint()));

    if (path.isEmpty())
        return invalid(QStringLiteral("\"%1\" names no socket path: %2.").arg(t, hint()));
    if (path.toLocal8Bit().size() > kMaxSocketPath)
        return invalid(QStringLiteral("The socket path %1 is longer than the %2 bytes a unix socket address holds.")
                           .arg(path)
                           .arg(kMaxSocketPath));
    return Address(Kind::Unix, path);
}

QString Address::platformDefault()
{
#ifdef Q_OS_WIN
    return QStringLiteral("\\\\.\\pipe\\containerd-containerd");
#else
    return QStringLiteral("/run/containerd/containerd.sock");
#endif
}

QString Address::defaultAddress()
{
    const QString env = qEnvironmentVariable("CONTAINERD_ADDRESS").trimmed();
    return env.isEmpty() ? platformDefault() : env;
}

Result<QString> Address::grpcTarget() const
{
    if (m_kind == Kind::Unix)
        return QStringLiteral("unix:") + m_path;
#ifdef Q_OS_WIN
    return Error{Error::InvalidArgument,
                 QStringLiteral("gRPC cannot dial the named pipe %1 directly; it is reached through a relay.").arg(m_path)};
#else
    return Error{Error::InvalidArgument,
                 QStringLiteral("%1 is a named pipe, and named pipes are Windows-only.").arg(m_path)};
#endif
}

QString Address::display() const
{
    if (m_kind == Kind::Unix)
        return QStringLiteral("unix://") + m_path;
    return QStringLiteral("npipe://") + QString(m_path).replace(QLatin1Char('\\'), QLatin1Char('/'));
}

} // namespace strata
