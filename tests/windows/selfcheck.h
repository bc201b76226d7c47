#pragma once

// The few lines the Windows self-tests share: they run under wine without Qt Test, so a check
// counts a failure and goes on, and the result is one line and the exit code.

#include <cstdio>

namespace strata::selftest {

inline int failures = 0;

// "PASSED: 0 failed check(s)" or "FAILED: N failed check(s)"; the process exit code.
inline int report()
{
    std::printf("%s: %d failed check(s)\n", failures ? "FAILED" : "PASSED", failures);
    return failures ? 1 : 0;
}

} // namespace strata::selftest

#define CHECK(cond)                                                                                    \
    do {                                                                                               \
        if (!(cond)) {                                                                                 \
            std::printf("  FAIL line %d: %s\n", __LINE__, #cond);                                      \
            ++strata::selftest::failures;                                                              \
        }                                                                                              \
    } while (false)
