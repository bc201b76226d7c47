#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace strata {

// OCI chain IDs: the identity of a stack of layers, and the key containerd commits each
// unpacked layer's snapshot under. chainID(1) = diffID(1);
// chainID(n) = sha256 of "<chainID(n-1)> <diffID(n)>", both written with their "sha256:".
class ChainId
{
public:
    static QString next(const QString &parentChainId, const QString &diffId);
    // One chain ID per diff ID, base first; a malformed diff ID is an error naming it.
    static Result<QStringList> fromDiffIds(const QStringList &diffIds);
};

} // namespace strata
