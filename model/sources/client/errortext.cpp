#include "client/errortext.h"

#include "client/address.h"

#include <QFileInfo>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

namespace strata {

namespace {

QString unavailable(const Error &error, const QString &address, const QString &setting)
{
    const QString head = QStringLiteral("cannot reach containerd at %1").arg(address);
    auto parsed = Address::parse(address);
    if (parsed && parsed->kind() == Address::Kind::Unix) {
        const QByteArray path = QFile::encodeName(parsed->path());
        struct stat st {};
        if (::stat(path.constData(), &st) != 0) {
            if (errno == EACCES)
                return head + QStringLiteral(": permission denied on the path; run as root or give your user access to it");
            return head + QStringLiteral(": no such file; is containerd running? see %1").arg(setting);
        }
        if (!S_ISSOCK(st.st_mode))
            return head + QStringLiteral(": %1 is not a socket; %2 must name containerd's socket").arg(parsed->path(), setting);
        if (::access(path.constData(), R_OK | W_OK) != 0)
            return head + QStringLiteral(": permission denied; run as root or give your user access to the socket "
                                         "(for example through a group that owns it)");
        if (error.message.contains(QLatin1String("refused"), Qt::CaseInsensitive))
            return head + QStringLiteral(": connection refused; the socket exists but nothing listens on it. "
                                         "Is containerd running?");
        // Something accepted the connection and then hung up or spoke another protocol:
        // containerd's ttrpc socket, or another program's.
        static const char *const hangups[] = {"closed", "reset", "broken pipe", "end of stream", "protocol"};
        for (const char *h : hangups) {
            if (error.message.contains(QLatin1String(h), Qt::CaseInsensitive))
                return head + QStringLiteral(": something listens on %1 but it is not containerd's gRPC API (%2); "
                                             "%3 must name containerd's socket (not its .ttrpc one)")
                                  .arg(parsed->path(), error.message, setting);
        }
    }
    return head + QStringLiteral(": %1; is containerd running? see %2").arg(error.message, setting);
}

} // namespace

QString ErrorText::describe(const Error &error, const QString &address, Reader reader)
{
    if (error.origin == Error::Origin::Registry)
        return error.message;
    const QString setting = reader == Reader::Gui ? QStringLiteral("File → Connect") : QStringLiteral("--address");
    switch (error.code) {
    case Error::Unavailable:
        return unavailable(error, address, setting);
    case Error::DeadlineExceeded:
        // gRPC's own text here is only "Deadline Exceeded": say what it means for the user.
        return QStringLiteral("%1 accepted the connection but did not answer in time; is it containerd's socket, "
                              "and is containerd overloaded or stuck?")
            .arg(address);
    case Error::Unimplemented:
        return QStringLiteral("%1 answered, but not as containerd does (%2); does %3 name a containerd socket?")
            .arg(address, error.message, setting);
    case Error::PermissionDenied:
        return QStringLiteral("containerd refused: %1; run as root or check the socket's permissions").arg(error.message);
    default:
        return error.message.isEmpty() ? QStringLiteral("unknown error (code %1)").arg(error.code) : error.message;
    }
}

} // namespace strata
