// Fills a (private!) containerd with committed snapshots in chains, for the benchmarks that
// need a large store. Empty layers: the point is the number of snapshots, not their bytes.
//
//   bench_fillsnapshots ADDRESS NAMESPACE SNAPSHOTTER COUNT DEPTH [PREFIX]
//
// Creates ceil(COUNT/DEPTH) chains of up to DEPTH committed snapshots each, keys PREFIX-c<i>-<j>.
// Idempotent: existing keys are kept, so a second run only tops up.

#include "client/client.h"
#include "client/errortext.h"
#include "client/snapshotsservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cstdio>

using namespace strata;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() < 6) {
        err << "usage: bench_fillsnapshots ADDRESS NAMESPACE SNAPSHOTTER COUNT DEPTH [PREFIX]\n";
        return 2;
    }
    const int count = args[4].toInt();
    const int depth = args[5].toInt();
    const QString prefix = args.size() > 6 ? args[6] : QStringLiteral("bench");
    if (count <= 0 || depth <= 0) {
        err << "COUNT and DEPTH must be positive\n";
        return 2;
    }
    auto client = Client::create({args[1], args[2], std::chrono::seconds(30)});
    if (!client) {
        err << ErrorText::describe(client.error(), args[1]) << '\n';
        return 1;
    }
    SnapshotsService snapshots(*client, args[3]);
    QElapsedTimer timer;
    timer.start();
    int made = 0;
    for (int chain = 0, done = 0; done < count; ++chain) {
        QString parent;
        for (int level = 0; level < depth && done < count; ++level, ++done) {
            const QString name = QStringLiteral("%1-c%2-%3").arg(prefix).arg(chain).arg(level);
            if (snapshots.stat(name)) {
                parent = name;
                continue;
            }
            const QString active = name + QStringLiteral("-active");
            // Nothing references these snapshots: gc.root keeps containerd's collector away.
            const QMap<QString, QString> root{{QStringLiteral("containerd.io/gc.root"), prefix}};
            auto prepared = snapshots.prepare(active, parent, root);
            if (!prepared) {
                err << "prepare " << active << ": " << prepared.error().message << '\n';
                return 1;
            }
            auto committed = snapshots.commit(name, active, root);
            if (!committed) {
                err << "commit " << name << ": " << committed.error().message << '\n';
                return 1;
            }
            parent = name;
            ++made;
        }
    }
    QTextStream(stdout) << "created " << made << " snapshots (" << count << " wanted, chains of " << depth << ") in "
                        << timer.elapsed() << " ms\n";
    return 0;
}
