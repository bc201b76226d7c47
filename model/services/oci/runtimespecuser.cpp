#include "oci/runtimespecuser.h"

#include <QStringList>

#include <limits>
#include <optional>

namespace strata {

namespace {

// One colon-separated line of /etc/passwd or /etc/group.
QList<QStringList> records(const QByteArray &file)
{
    QList<QStringList> out;
    for (const QByteArray &raw : file.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            out << line.split(QLatin1Char(':'));
    }
    return out;
}

// runc's limit, which containerd adopts: ids above MaxInt32 are taken as names.
std::optional<quint32> numericId(const QString &text)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0 || v > std::numeric_limits<qint32>::max())
        return std::nullopt;
    return quint32(v);
}

struct PasswdEntry
{
    QString name;
    quint32 uid = 0;
    quint32 gid = 0;
};

template<typename Match>
std::optional<PasswdEntry> findUser(const QByteArray &passwd, Match match)
{
    for (const QStringList &f : records(passwd)) {
        if (f.size() < 4)
            continue;
        const PasswdEntry e{f.at(0), f.at(2).toUInt(), f.at(3).toUInt()};
        if (match(e))
            return e;
    }
    return std::nullopt;
}

std::optional<quint32> findGroup(const QByteArray &group, const QString &name)
{
    for (const QStringList &f : records(group)) {
        if (f.size() >= 3 && f.at(0) == name)
            return f.at(2).toUInt();
    }
    return std::nullopt;
}

// WithAdditionalGIDs: the groups that list the user as a member, other than its namesake.
QList<quint32> supplementaryGroups(const QByteArray &group, const QString &userName)
{
    QList<quint32> gids;
    for (const QStringList &f : records(group)) {
        if (f.size() < 4 || f.at(0) == userName)
            continue;
        if (f.at(3).split(QLatin1Char(','), Qt::SkipEmptyParts).contains(userName))
            gids << f.at(2).toUInt();
    }
    return gids;
}

Error noSuch(const QString &what, const QString &name, const QString &file)
{
    return Error{Error::NotFound, QStringLiteral("no %1 \"%2\" in the image's %3").arg(what, name, file)};
}

} // namespace

Result<RuntimeSpecUser> RuntimeSpecUser::resolve(const QString &user, const QByteArray &passwd, const QByteArray &group)
{
    RuntimeSpecUser out;
    QString memberName = QStringLiteral("root");
    const QStringList parts = user.split(QLatin1Char(':'));
    if (parts.size() > 2)
        return Error{Error::InvalidArgument, QStringLiteral("invalid USER value %1").arg(user)};

    if (!user.isEmpty()) {
        const QString &u = parts.at(0);
        const std::optional<quint32> uid = numericId(u);
        std::optional<PasswdEntry> entry = uid ? findUser(passwd, [&](const PasswdEntry &e) { return e.uid == *uid; })
                                               : findUser(passwd, [&](const PasswdEntry &e) { return e.name == u; });
        if (!uid && !entry)
            return noSuch(QStringLiteral("user"), u, QStringLiteral("/etc/passwd"));
        out.uid = entry ? entry->uid : *uid;
        out.gid = entry ? entry->gid : 0;
        if (parts.size() == 2) {
            const std::optional<quint32> gid = numericId(parts.at(1));
            const std::optional<quint32> named = gid ? gid : findGroup(group, parts.at(1));
            if (!named)
                return noSuch(QStringLiteral("group"), parts.at(1), QStringLiteral("/etc/group"));
            out.gid = *named;
        }
        // Supplementary groups are looked up by the uid's name; an unnamed uid has none.
        entry = findUser(passwd, [&](const PasswdEntry &e) { return e.uid == out.uid; });
        memberName = entry ? entry->name : QString();
    }
    if (!memberName.isEmpty())
        out.additionalGids = supplementaryGroups(group, memberName);
    if (!out.additionalGids.contains(out.gid))
        out.additionalGids.prepend(out.gid);
    return out;
}

} // namespace strata
