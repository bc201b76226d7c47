#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace strata {

// One challenge of a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"` or
// `Basic realm="…"`.
struct AuthChallenge
{
    QString scheme; // lowercase: "bearer", "basic"
    QMap<QString, QString> params;

    // The first challenge of the header; an empty scheme when there is none.
    static AuthChallenge parse(const QByteArray &header);
};

} // namespace strata
