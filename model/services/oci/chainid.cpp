#include "oci/chainid.h"

#include "oci/descriptor.h"

namespace strata {

QString ChainId::next(const QString &parentChainId, const QString &diffId)
{
    if (parentChainId.isEmpty())
        return diffId;
    return Descriptor::sha256Of((parentChainId + QLatin1Char(' ') + diffId).toLatin1());
}

Result<QStringList> ChainId::fromDiffIds(const QStringList &diffIds)
{
    QStringList out;
    QString chain;
    for (const QString &diffId : diffIds) {
        if (!Descriptor::isValidDigest(diffId))
            return Error{Error::InvalidArgument,
                         QStringLiteral("layer %1's diff ID \"%2\" is not a digest").arg(out.size()).arg(diffId)};
        chain = next(chain, diffId);
        out.append(chain);
    }
    return out;
}

} // namespace strata
