// What `stratactl files` does per layer, timed on a local layer blob: stream it through
// TarChanges (libarchive, gzip or zstd) and build the MergedTree. Prints entries, wall time
// and peak RSS; bench/layerfiles.sh runs it beside `tar -tvzf` on the same blob.
// Usage: bench_layerfiles LAYER.tar[.gz|.zst] [RUNS]

#include "files/mergedtree.h"
#include "files/tarchanges.h"

#include <QElapsedTimer>
#include <QString>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

using namespace strata;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_layerfiles LAYER.tar[.gz|.zst] [RUNS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    qint64 best = -1;
    qsizetype entries = 0;
    qint64 files = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        auto changes = TarChanges::readFile(path);
        if (!changes) {
            std::fprintf(stderr, "bench_layerfiles: %s\n", qPrintable(changes.error().message));
            return 1;
        }
        const MergedTree tree = MergedTree::build({*changes});
        const qint64 ms = timer.elapsed();
        best = best < 0 ? ms : std::min(best, ms);
        entries = changes->size();
        files = tree.summary().files;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("strata  entries %lld  visible files %lld  best of %d: %lld ms  peak RSS %ld MiB\n", qlonglong(entries),
                qlonglong(files), runs, qlonglong(best), usage.ru_maxrss / 1024);
    return 0;
}
