#pragma once

#include "core/error.h"

namespace strata {

// Turns an Error from the client boundary into one sentence naming the cause and what to try.
// The connection errors look at the socket itself, since gRPC only says "unavailable".
class ErrorText
{
public:
    // Who reads it decides how the advice names another address: stratactl's --address, or
    // the GUI's File → Connect.
    enum class Reader { CommandLine, Gui };
    static QString describe(const Error &error, const QString &address, Reader reader = Reader::CommandLine);
};

} // namespace strata
