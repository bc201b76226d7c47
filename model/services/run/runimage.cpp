#include "run/runimage.h"

#include "oci/imageconfig.h"
#include "oci/imageresolver.h"

namespace strata {

Result<RunRequest::Image> RunImage::resolve(const std::shared_ptr<const Client> &client, const QString &name)
{
    auto image = ImageResolver(client).resolve(name);
    if (!image)
        return image.error();
    if (image->topChainId().isEmpty())
        return Error{Error::FailedPrecondition, QStringLiteral("image %1 has no layers to run on").arg(name)};
    auto config = ImageConfig::parse(image->config);
    if (!config)
        return config.error();
    RunRequest::Image result;
    result.name = name;
    result.topChainId = image->topChainId();
    result.config.entrypoint = config->entrypoint;
    result.config.cmd = config->cmd;
    result.config.env = config->env;
    result.config.workingDir = config->workingDir;
    // A named USER needs the image's /etc/passwd, which only a mounted rootfs can give; numeric
    // ids (and root) resolve without it.
    result.config.user = config->user;
    return result;
}

} // namespace strata
