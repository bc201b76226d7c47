#include "platform/windows/piperelay.h"

#include "platform/windows/pipebridge.h"

#include <QDebug>

namespace strata {

Result<std::shared_ptr<PipeRelay>> PipeRelay::start(const QString &pipeName)
{
    // Unservable connections are otherwise silent: gRPC only sees a socket closed at once, so
    // the reason (typically "Access is denied" without elevation) goes to the log.
    auto log = [pipeName](const std::wstring &message) {
        qWarning().noquote() << QStringLiteral("pipe relay for %1:").arg(pipeName) << QString::fromStdWString(message);
    };
    auto started = PipeBridge::start(pipeName.toStdWString(), std::move(log));
    if (auto *error = std::get_if<std::wstring>(&started))
        return Error{Error::Unavailable,
                     QStringLiteral("cannot relay %1: %2").arg(pipeName, QString::fromStdWString(*error))};
    return std::shared_ptr<PipeRelay>(new PipeRelay(std::move(std::get<std::unique_ptr<PipeBridge>>(started))));
}

PipeRelay::PipeRelay(std::unique_ptr<PipeBridge> bridge)
    : m_bridge(std::move(bridge))
{
}

PipeRelay::~PipeRelay() = default;

quint16 PipeRelay::port() const
{
    return m_bridge->port();
}

QString PipeRelay::grpcTarget() const
{
    return QStringLiteral("ipv4:127.0.0.1:%1").arg(port());
}

} // namespace strata
