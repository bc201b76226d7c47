// Writes small valid bbolt files (snapshotter and meta.db layouts, several page sizes) into the
// directory given as argument: seeds for fuzz_bolt.

#include "tst_boltwriter.h"

#include <QDir>
#include <QFile>

using namespace strata;

namespace {

void save(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(QDir(dir).filePath(name));
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
}

QByteArray snapshotter(quint32 pageSize, int count)
{
    BoltWriter w{pageSize};
    for (int i = 1; i <= count; ++i) {
        SnapshotRecord r;
        r.key = QStringLiteral("default/%1/layer-%2").arg(i + 10).arg(i);
        r.id = quint64(i);
        r.kind = i % 2 ? SnapshotKind::Committed : SnapshotKind::Active;
        r.parent = i > 1 ? QStringLiteral("default/%1/layer-%2").arg(i + 8).arg(i - 2 > 0 ? i - 2 : 1) : QString();
        r.created = r.updated = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
        if (i % 4 == 0)
            r.labels.insert(QStringLiteral("containerd.io/snapshot/x"), QString(i * 20, QLatin1Char('l')));
        BoltWriter::putSnapshot(w.root(), r, i > 1 ? quint64(i - 2 > 0 ? i - 2 : 1) : 0);
    }
    return w.write();
}

QByteArray metaDb(quint32 pageSize)
{
    BoltWriter w{pageSize};
    auto &v1 = w.root().bucket("v1");
    v1.put("version", BoltWriter::varint(3));
    auto &ns = v1.bucket("default");
    auto &image = ns.bucket("images").bucket("docker.io/library/busybox:latest");
    image.put("createdat", BoltWriter::goTime(QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC)));
    image.put("updatedat", BoltWriter::goTime(QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC)));
    auto &target = image.bucket("target");
    target.put("digest", "sha256:0123456789abcdef");
    target.put("mediatype", "application/vnd.oci.image.index.v1+json");
    target.put("size", BoltWriter::varint(1234));
    auto &snap = ns.bucket("snapshots").bucket("overlayfs").bucket("sha256:abc");
    snap.put("name", "default/3/sha256:abc");
    snap.put("parent", "sha256:def");
    snap.bucket("labels").put("k", "v");
    return w.write();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    const QString dir = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(dir);
    save(dir, QStringLiteral("snap-512-3.db"), snapshotter(512, 3));
    save(dir, QStringLiteral("snap-512-40.db"), snapshotter(512, 40));
    save(dir, QStringLiteral("snap-1024-12.db"), snapshotter(1024, 12));
    save(dir, QStringLiteral("meta-512.db"), metaDb(512));
    save(dir, QStringLiteral("meta-1024.db"), metaDb(1024));
    return 0;
}
