#pragma once

// The real bbolt fixtures of tests/fixtures/bolt (make-fixtures.sh) and what ctr said about the
// same containerd state, for the suites that read them.

#include "why.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>

namespace strata::test {

inline QString boltFixture(const QString &name)
{
    return qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/bolt/") + name;
}

inline QStringList boltFixtureLines(const QString &name)
{
    QFile f(boltFixture(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

struct LsRow
{
    QString parent;
    QString kind;
};

// `ctr snapshots ls`: KEY PARENT KIND, PARENT blank for base layers.
inline QMap<QString, LsRow> expectedLs()
{
    QMap<QString, LsRow> rows;
    const QStringList lines = boltFixtureLines(QStringLiteral("expected-ls.txt"));
    for (const QString &line : lines.mid(1)) {
        const QStringList f = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        rows.insert(f.first(), {f.size() == 3 ? f[1] : QString(), f.last().toLower()});
    }
    return rows;
}

// `ctr snapshots info` of each snapshot, by name.
inline QMap<QString, QJsonObject> expectedInfo()
{
    QMap<QString, QJsonObject> out;
    for (const QString &line : boltFixtureLines(QStringLiteral("expected-info.jsonl"))) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        out.insert(o.value(QStringLiteral("Name")).toString(), o);
    }
    return out;
}

// A throw-away containerd root holding the fixture files where containerd keeps them; without
// meta.db when `withMeta` is false.
struct FakeRoot
{
    QTemporaryDir dir;
    QString root;
    QString snapshotterDir;

    explicit FakeRoot(const QString &snapshotter = QStringLiteral("overlayfs"), bool withMeta = true)
    {
        root = dir.filePath(QStringLiteral("root"));
        snapshotterDir = root + QStringLiteral("/io.containerd.snapshotter.v1.") + snapshotter;
        QDir().mkpath(snapshotterDir);
        QDir().mkpath(root + QStringLiteral("/io.containerd.content.v1.content"));
        QFile::copy(boltFixture(QStringLiteral("snapshotter-metadata.db")), snapshotterDir + QStringLiteral("/metadata.db"));
        if (withMeta) {
            QDir().mkpath(root + QStringLiteral("/io.containerd.metadata.v1.bolt"));
            QFile::copy(boltFixture(QStringLiteral("meta.db")), root + QStringLiteral("/io.containerd.metadata.v1.bolt/meta.db"));
        }
    }
};

} // namespace strata::test
