// The atlas at scale: fills a containerd with snapshot chains, then measures the time from
// connecting to a fully populated AtlasModel (folder numbers and usage included) and the peak
// resident memory. Run through bench/atlas.sh, which starts a private containerd for it.
//
//   bench_atlas fill ADDRESS NAMESPACE COUNT MAXDEPTH
//   bench_atlas measure ADDRESS NAMESPACE [SNAPSHOTTER]

#include "atlas/atlasfoldersource.h"
#include "atlas/atlasloader.h"
#include "atlas/atlasmodel.h"
#include "atlas/discoveryfoldersource.h"
#include "atlas/foldercache.h"
#include "client/client.h"
#include "client/leasesservice.h"
#include "client/snapshotsservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace strata;

namespace {

QTextStream out(stdout);

std::shared_ptr<const Client> connect(const QString &address, const QString &ns)
{
    auto c = Client::create({address, ns, std::chrono::seconds(60)});
    if (!c) {
        std::fprintf(stderr, "bench_atlas: %s\n", qPrintable(c.error().message));
        std::exit(1);
    }
    return *c;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Chains of depth 1, 2, ... maxDepth, 1, 2, ... until `count` snapshots exist; every fifth
// chain ends in an active snapshot (a container's scratch) instead of a committed layer.
int fill(const std::shared_ptr<const Client> &client, int count, int maxDepth)
{
    struct Chain
    {
        int index;
        int depth;
    };
    std::vector<Chain> chains;
    for (int made = 0, i = 0; made < count; ++i) {
        const int depth = std::min(i % maxDepth + 1, count - made);
        chains.push_back({i, depth});
        made += depth;
    }
    // Unreferenced snapshots are garbage: a lease keeps the half-made ones, a gc.root label
    // every finished one.
    const QString lease = QStringLiteral("strata-bench-fill");
    LeasesService(client).create(lease, std::chrono::hours(1));
    const QMap<QString, QString> root{{QStringLiteral("containerd.io/gc.root"), QStringLiteral("strata-bench")}};
    std::atomic<size_t> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> failed{false};
    auto worker = [&] {
        SnapshotsService s(client, QStringLiteral("overlayfs"));
        for (size_t c = next++; c < chains.size() && !failed; c = next++) {
            QString parent;
            for (int level = 0; level < chains[c].depth; ++level) {
                const QString name = QStringLiteral("bench-%1-%2").arg(chains[c].index).arg(level);
                const bool activeTip = level == chains[c].depth - 1 && chains[c].index % 5 == 4;
                const QString key = activeTip ? name : QStringLiteral("extract-") + name;
                auto prepared = s.prepare(key, parent, activeTip ? root : QMap<QString, QString>{}, lease);
                if (!prepared && !prepared.error().is(Error::AlreadyExists)) {
                    std::fprintf(stderr, "prepare %s: %s\n", qPrintable(key), qPrintable(prepared.error().message));
                    failed = true;
                    return;
                }
                if (!activeTip) {
                    auto committed = s.commit(name, key, root, lease);
                    if (!committed && !committed.error().is(Error::AlreadyExists)) {
                        std::fprintf(stderr, "commit %s: %s\n", qPrintable(name), qPrintable(committed.error().message));
                        failed = true;
                        return;
                    }
                }
                parent = name;
                ++done;
            }
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(worker);
    for (auto &t : threads)
        t.join();
    LeasesService(client).remove(lease);
    out << "filled " << done.load() << " snapshots in " << chains.size() << " chains (depth 1.." << maxDepth << ")\n";
    return failed ? 1 : 0;
}

int countRows(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    int n = model.rowCount(parent);
    for (int r = 0, rows = n; r < rows; ++r)
        n += countRows(model, model.index(r, 0, parent));
    return n;
}

class CountingSource : public AtlasFolderSource
{
public:
    CountingSource(std::shared_ptr<const Client> client, const QString &snapshotter) : m_inner(std::move(client), snapshotter) {}
    Result<QList<SnapshotFolder>> folders(const QList<SnapshotInfo> &snapshots) override
    {
        asked += int(snapshots.size());
        return m_inner.folders(snapshots);
    }
    int asked = 0;

private:
    DiscoveryFolderSource m_inner;
};

int measure(const QString &address, const QString &ns, const QString &snapshotter)
{
    QElapsedTimer clock;
    clock.start();
    auto client = connect(address, ns);
    auto cache = std::make_shared<FolderCache>();
    auto source = std::make_shared<CountingSource>(client, snapshotter);
    AtlasLoader loader(client, snapshotter, cache, source);
    auto contents = loader.loadAll();
    if (!contents) {
        std::fprintf(stderr, "bench_atlas: load failed: %s\n", qPrintable(contents.error().message));
        return 1;
    }
    const qint64 loadedMs = clock.elapsed();
    AtlasModel model;
    model.setContents(*contents);
    const qint64 populatedMs = clock.elapsed();

    int withFolder = 0, withUsage = 0;
    for (const auto &s : contents->snapshots) {
        withFolder += s.folderId.isEmpty() ? 0 : 1;
        withUsage += s.usage ? 1 : 0;
    }
    const int rows = countRows(model);

    clock.restart();
    auto again = loader.loadAll();
    if (!again)
        return 1;
    model.setContents(*again);
    const qint64 refreshMs = clock.elapsed();

    out << "snapshots:            " << contents->snapshots.size() << " (" << withFolder << " with folder number, "
        << withUsage << " with usage)\n"
        << "images:               " << contents->images.size() << "\n"
        << "model rows:           " << rows << "\n"
        << "folder source asked:  " << source->asked << " snapshots\n"
        << "connect -> loaded:    " << loadedMs << " ms\n"
        << "connect -> populated: " << populatedMs << " ms (target < 1000)\n"
        << "refresh (cached):     " << refreshMs << " ms\n"
        << "peak RSS:             " << peakRssKb() / 1024 << " MB (target < 150)\n";
    out.flush();
    return withFolder == contents->snapshots.size() ? 0 : 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 6 && args[1] == QLatin1String("fill"))
        return fill(connect(args[2], args[3]), args[4].toInt(), args[5].toInt());
    if (args.size() >= 4 && args[1] == QLatin1String("measure"))
        return measure(args[2], args[3], args.size() > 4 ? args[4] : QStringLiteral("overlayfs"));
    std::fprintf(stderr, "usage: bench_atlas fill ADDRESS NAMESPACE COUNT MAXDEPTH\n"
                         "       bench_atlas measure ADDRESS NAMESPACE [SNAPSHOTTER]\n");
    return 2;
}
