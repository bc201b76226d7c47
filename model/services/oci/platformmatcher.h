#pragma once

#include "oci/platform.h"

#include <QList>

namespace strata {

// Chooses among an index's platforms the way containerd's platforms.Only does: the target
// first, then what it can also run (amd64 runs 386, arm64 runs arm v8..v5, arm vN runs lower
// arm variants). A Windows target with an os.version only takes images built for the same
// major.minor.build (or with no version), preferring the highest revision.
class PlatformMatcher
{
public:
    explicit PlatformMatcher(const Platform &target);
    static PlatformMatcher host();

    const Platform &target() const { return m_target; }
    bool matches(const Platform &candidate) const;
    // Position in the preference order: 0 for the target itself, -1 when it does not match.
    int rank(const Platform &candidate) const;
    // True when a is preferred over b (a matches and b does not, or both match and a ranks better).
    bool less(const Platform &a, const Platform &b) const;

private:
    bool osVersionMatches(const Platform &candidate) const;

    Platform m_target;
    QList<Platform> m_accepted; // in preference order
    QString m_osVersionPrefix;  // Windows major.minor.build; empty accepts any
};

} // namespace strata
