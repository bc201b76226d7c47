#include "registry/tokencache.h"

namespace strata {

QByteArray TokenCache::authorization(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_values.value(key);
}

void TokenCache::store(const QString &key, const QByteArray &authorization)
{
    QMutexLocker lock(&m_mutex);
    m_values.insert(key, authorization);
}

} // namespace strata
