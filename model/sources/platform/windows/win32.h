#pragma once

// <windows.h> as every Windows-only file here wants it: without the rarely used APIs and the
// min/max macros that break std::min. Winsock 2 first, since <windows.h> would otherwise pull
// in the old winsock.h and clash with it.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <windows.h>
