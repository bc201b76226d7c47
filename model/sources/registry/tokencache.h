#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace strata {

// Bearer tokens by host and scope, shared by the registry clients of one pull (one per
// download thread), so a token is asked for once.
class TokenCache
{
public:
    QByteArray authorization(const QString &key) const;
    void store(const QString &key, const QByteArray &authorization);

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_values;
};

} // namespace strata
