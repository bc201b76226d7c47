#pragma once

#include <string>

namespace strata {

// A Win32 or Winsock error code as the system words it, without the trailing period and line
// break, followed by the code: "All pipe instances are busy (231)".
std::wstring win32ErrorText(unsigned long code);

} // namespace strata
