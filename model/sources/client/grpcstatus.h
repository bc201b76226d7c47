#pragma once

#include "core/error.h"

#include <grpcpp/support/status.h>

namespace strata {

// The one place where a wire status becomes a domain Error.
inline Error toError(const grpc::Status &status)
{
    return Error{static_cast<int>(status.error_code()), QString::fromStdString(status.error_message())};
}

} // namespace strata
