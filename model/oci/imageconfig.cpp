#include "oci/imageconfig.h"

#include "oci/descriptor.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace strata {

namespace {

QString text(const nlohmann::json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

// Docker writes null for unset lists; treat it like a missing one.
QStringList texts(const nlohmann::json &object, const char *key)
{
    QStringList out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return out;
    // nlohmann would read a string as a list of one-character strings: refuse it here; the
    // caller reports the exception as a malformed config.
    if (!it->is_array())
        throw std::invalid_argument(std::string(key) + " is not a list of strings");
    for (const std::string &s : it->get<std::vector<std::string>>())
        out.append(QString::fromStdString(s));
    return out;
}

} // namespace

Result<ImageConfig> ImageConfig::parse(const QByteArray &json)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{Error::Corrupt, QStringLiteral("the image config is not a JSON object")};
    try {
        ImageConfig c;
        c.os = text(doc, "os");
        c.architecture = text(doc, "architecture");
        c.variant = text(doc, "variant");
        c.osVersion = text(doc, "os.version");
        c.created = text(doc, "created");
        if (const auto cfg = doc.find("config"); cfg != doc.end() && cfg->is_object()) {
            c.entrypoint = texts(*cfg, "Entrypoint");
            c.cmd = texts(*cfg, "Cmd");
            c.env = texts(*cfg, "Env");
            c.workingDir = text(*cfg, "WorkingDir");
            c.user = text(*cfg, "User");
            c.stopSignal = text(*cfg, "StopSignal");
            if (const auto labels = cfg->find("Labels"); labels != cfg->end() && labels->is_object()) {
                for (const auto &[key, value] : labels->items())
                    c.labels.insert(QString::fromStdString(key), QString::fromStdString(value.get<std::string>()));
            }
        }
        const auto rootfs = doc.find("rootfs");
        if (rootfs == doc.end() || !rootfs->is_object() || !rootfs->contains("diff_ids"))
            return Error{Error::Corrupt, QStringLiteral("the image config has no rootfs.diff_ids")};
        c.rootfsType = text(*rootfs, "type");
        c.diffIds = texts(*rootfs, "diff_ids");
        for (const QString &d : std::as_const(c.diffIds)) {
            if (!Descriptor::isValidDigest(d))
                return Error{Error::Corrupt, QStringLiteral("rootfs.diff_ids holds \"%1\", which is not a digest").arg(d)};
        }
        return c;
    } catch (const std::exception &e) { // nlohmann's type errors and the list check above
        return Error{Error::Corrupt, QStringLiteral("malformed image config: %1").arg(QString::fromUtf8(e.what()))};
    }
}

Platform ImageConfig::platform() const
{
    Platform p;
    p.os = os;
    p.architecture = architecture;
    p.variant = variant;
    p.osVersion = osVersion;
    return p;
}

} // namespace strata
