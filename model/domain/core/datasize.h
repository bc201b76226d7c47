#pragma once

#include <QString>

namespace strata {

// One way to print a byte count, the same in the GUI, stratactl and every column:
// "2.0 MiB", "657 bytes". Binary units spelt out as such, in the C locale, so a size copied
// from the GUI matches the one a script gets from stratactl.
class DataSize
{
public:
    static QString text(qint64 bytes);
};

} // namespace strata
