#include "oci/jsonfields.h"

#include <nlohmann/json.hpp>

namespace strata {

QString JsonFields::text(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

QStringList JsonFields::texts(const nlohmann::json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return out;
    if (!it->is_array())
        throw nlohmann::json::type_error::create(302, std::string(key) + " is not a list of strings", &*it);
    for (const std::string &s : it->get<std::vector<std::string>>())
        out.append(QString::fromStdString(s));
    return out;
}

} // namespace strata
