#include "oci/imageconfig.h"

#include "oci/descriptor.h"
#include "oci/jsonfields.h"

#include <nlohmann/json.hpp>

namespace strata {

Result<ImageConfig> ImageConfig::parse(const QByteArray &json)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Error{Error::Corrupt, QStringLiteral("the image config is not a JSON object")};
    try {
        ImageConfig c;
        c.os = JsonFields::text(doc, "os");
        c.architecture = JsonFields::text(doc, "architecture");
        c.variant = JsonFields::text(doc, "variant");
        c.osVersion = JsonFields::text(doc, "os.version");
        c.created = JsonFields::text(doc, "created");
        if (const auto cfg = doc.find("config"); cfg != doc.end() && cfg->is_object()) {
            c.entrypoint = JsonFields::texts(*cfg, "Entrypoint");
            c.cmd = JsonFields::texts(*cfg, "Cmd");
            c.env = JsonFields::texts(*cfg, "Env");
            c.workingDir = JsonFields::text(*cfg, "WorkingDir");
            c.user = JsonFields::text(*cfg, "User");
            c.stopSignal = JsonFields::text(*cfg, "StopSignal");
            if (const auto labels = cfg->find("Labels"); labels != cfg->end() && labels->is_object()) {
                for (const auto &[key, value] : labels->items())
                    c.labels.insert(QString::fromStdString(key), QString::fromStdString(value.get<std::string>()));
            }
        }
        const auto rootfs = doc.find("rootfs");
        if (rootfs == doc.end() || !rootfs->is_object() || !rootfs->contains("diff_ids"))
            return Error{Error::Corrupt, QStringLiteral("the image config has no rootfs.diff_ids")};
        c.rootfsType = JsonFields::text(*rootfs, "type");
        c.diffIds = JsonFields::texts(*rootfs, "diff_ids");
        for (const QString &d : std::as_const(c.diffIds)) {
            if (!Descriptor::isValidDigest(d))
                return Error{Error::Corrupt, QStringLiteral("rootfs.diff_ids holds \"%1\", which is not a digest").arg(d)};
        }
        return c;
    } catch (const nlohmann::json::exception &e) {
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
