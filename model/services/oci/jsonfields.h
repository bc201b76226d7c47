#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

namespace strata {

// Reading string members out of OCI/Docker JSON. Absent and null members are empty (Docker
// writes null for unset lists); a member of the wrong type throws nlohmann's type_error, which
// the parsers turn into a Corrupt error.
class JsonFields
{
public:
    static QString text(const nlohmann::json &object, const char *key);
    // nlohmann would read a string as a list of one-character strings: only arrays count.
    static QStringList texts(const nlohmann::json &object, const char *key);
};

} // namespace strata
