#pragma once

#include <QString>

namespace strata {

// An error as a value: what crossed the containerd boundary (a gRPC status code) or what a
// domain check found. Views turn it into a sentence; code never throws across layers.
struct Error
{
    // gRPC status codes keep their numbers (0..16); domain errors use codes above them.
    enum Code : int {
        Ok = 0,
        Cancelled = 1,
        Unknown = 2,
        InvalidArgument = 3,
        DeadlineExceeded = 4,
        NotFound = 5,
        AlreadyExists = 6,
        PermissionDenied = 7,
        ResourceExhausted = 8,
        FailedPrecondition = 9,
        Aborted = 10,
        OutOfRange = 11,
        Unimplemented = 12,
        Internal = 13,
        Unavailable = 14,
        DataLoss = 15,
        Unauthenticated = 16,
        Corrupt = 100, // a file Strata read is malformed
        Io = 101,      // the local file system said no
    };

    // Who said it: a registry's errors reuse the gRPC codes (NotFound, Unavailable…) but are
    // already whole sentences about the registry, which must not be read as containerd's.
    enum class Origin { Containerd, Registry };

    int code = Unknown;
    QString message;
    Origin origin = Origin::Containerd;

    bool is(Code c) const { return code == c; }
};

} // namespace strata
