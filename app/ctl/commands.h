#pragma once

#include "command.h"

#include <memory>
#include <vector>

namespace strata::ctl {

// Every stratactl command, in the order help lists them.
std::vector<std::unique_ptr<Command>> allCommands();

} // namespace strata::ctl
