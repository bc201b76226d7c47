// libFuzzer target: BoltReader and every decoder over arbitrary bytes. Must never crash, hang
// or allocate without bound; errors are fine.

#include "bolt/boltentry.h"
#include "bolt/boltreader.h"
#include "bolt/metadatadb.h"
#include "bolt/snapshotterdb.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

#include <cstdint>

using namespace strata;

namespace {

// Visits every bucket and key the way a generic browser would, with get() and bucket() on
// each key too, so lookups see the same pages the walks do.
void walk(const BoltBucket &bucket)
{
    (void)bucket.forEach([&](const BoltEntry &e) -> Status {
        (void)bucket.get(e.key);
        (void)bucket.bucket(e.key);
        if (e.isBucket())
            walk(*e.bucket);
        return success();
    });
}

// open() reads a file page by page; on the same bytes it must agree with fromBytes().
bool openAgrees(const QByteArray &bytes, bool wholeOk)
{
    static const QString path = QStringLiteral("/dev/shm/strata-fuzz-bolt-%1.db").arg(QCoreApplication::applicationPid());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return true; // no scratch file here: nothing to compare
    f.close();
    auto opened = BoltReader::open(path);
    if (opened.ok())
        walk(opened->root());
    return opened.ok() == wholeOk;
}

void exercise(const QByteArray &bytes)
{
    auto reader = BoltReader::fromBytes(bytes, QStringLiteral("fuzz"));
    if (!openAgrees(bytes, reader.ok()))
        __builtin_trap();
    if (!reader.ok())
        return;
    walk(reader->root());
    if (auto db = SnapshotterDb::decode(*reader); db.ok())
        (void)db->folders(QStringLiteral("C:\\root"), FolderPathStyle::Windows);
    (void)MetadataDb::decode(*reader);
}

// Mutations rarely keep the FNV checksum right, so the same input is tried again with both
// meta pages resealed: that lets the fuzzer reach the page tree behind them.
void reseal(QByteArray &bytes, qint64 pageOffset)
{
    if (pageOffset < 0 || bytes.size() < pageOffset + 16 + 64)
        return;
    quint64 h = BoltMeta::checksum(QByteArrayView(bytes.constData() + pageOffset + 16, BoltMeta::ChecksummedSize));
    qToLittleEndian(h, bytes.data() + pageOffset + 16 + BoltMeta::ChecksummedSize);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    exercise(bytes);
    if (bytes.size() >= 16 + 64) {
        const quint32 pageSize = qFromLittleEndian<quint32>(bytes.constData() + 16 + 8);
        reseal(bytes, 0);
        if (pageSize >= BoltMeta::MinPageSize && pageSize <= BoltMeta::MaxPageSize)
            reseal(bytes, pageSize);
        exercise(bytes);
    }
    return 0;
}
