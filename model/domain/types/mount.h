#pragma once

#include <QString>
#include <QStringList>

namespace strata {

// A mount as containerd's types.Mount carries it.
struct Mount
{
    QString type;
    QString source;
    QString target;
    QStringList options;

    bool operator==(const Mount &) const = default;
};

} // namespace strata
