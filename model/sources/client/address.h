#pragma once

#include "core/result.h"

#include <QString>

namespace strata {

// Where containerd listens, parsed from what a user or CONTAINERD_ADDRESS says:
// `unix:///path`, `unix:path`, `/path` (or `./path`), `npipe:////./pipe/name`, `\\.\pipe\name`.
// containerd serves its full API only there (its TCP listener carries CRI alone), so other
// schemes are refused with a sentence rather than dialled.
class Address
{
public:
    enum class Kind { Unix, NamedPipe };

    static Result<Address> parse(const QString &text);
    // CONTAINERD_ADDRESS when set and non-empty, else platformDefault(); as text, unparsed.
    static QString defaultAddress();
    // /run/containerd/containerd.sock, or \\.\pipe\containerd-containerd on Windows.
    static QString platformDefault();

    Kind kind() const { return m_kind; }
    // A file system path for Unix; the Win32 pipe name (\\.\pipe\name) for NamedPipe.
    const QString &path() const { return m_path; }
    // What grpc::CreateChannel takes: "unix:<path>". gRPC C++ cannot dial a named pipe, so a
    // pipe address yields an error (on Windows the client dials a loopback relay instead).
    Result<QString> grpcTarget() const;
    // The canonical URL form: unix:///run/containerd/containerd.sock, npipe:////./pipe/name.
    QString display() const;

    bool operator==(const Address &) const = default;

private:
    Address(Kind kind, QString path) : m_kind(kind), m_path(std::move(path)) {}

    Kind m_kind = Kind::Unix;
    QString m_path;
};

} // namespace strata
