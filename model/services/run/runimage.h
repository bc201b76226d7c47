#pragma once

#include "core/result.h"
#include "run/runrequest.h"

#include <memory>

namespace strata {

class Client;

// An image name turned into what an image run needs: its top chainID and the process
// settings of its config (through ImageResolver).
class RunImage
{
public:
    static Result<RunRequest::Image> resolve(const std::shared_ptr<const Client> &client, const QString &name);
};

} // namespace strata
