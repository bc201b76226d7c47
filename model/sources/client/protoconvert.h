#pragma once

#include "types/mount.h"

#include <QDateTime>
#include <QMap>
#include <QString>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>

namespace containerd::types {
class Mount;
}

// Wire-type to domain-type conversions shared by the service wrappers (private to model/client).
namespace strata::proto {

inline QString str(const std::string &s) { return QString::fromStdString(s); }
inline std::string str(const QString &s) { return s.toStdString(); }

inline QDateTime time(const google::protobuf::Timestamp &t)
{
    if (t.seconds() == 0 && t.nanos() == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(t.seconds() * 1000 + t.nanos() / 1000000, Qt::UTC);
}

inline QMap<QString, QString> labels(const google::protobuf::Map<std::string, std::string> &m)
{
    QMap<QString, QString> out;
    for (const auto &[k, v] : m)
        out.insert(str(k), str(v));
    return out;
}

inline void setLabels(google::protobuf::Map<std::string, std::string> *m, const QMap<QString, QString> &labels)
{
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        (*m)[str(it.key())] = str(it.value());
}

Mount mount(const containerd::types::Mount &m);
QList<Mount> mounts(const google::protobuf::RepeatedPtrField<containerd::types::Mount> &ms);
void toWire(const Mount &m, containerd::types::Mount *out);

} // namespace strata::proto
