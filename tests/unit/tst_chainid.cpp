#include "oci/chainid.h"
#include "oci/imageconfig.h"

#include <QFile>
#include <QTest>

using namespace strata;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(qEnvironmentVariable("STRATA_FIXTURES") + QStringLiteral("/oci/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

const QString specBase = QStringLiteral("sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1");
const QString specTop = QStringLiteral("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

} // namespace

class TstChainId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void baseIsItsDiffId()
    {
        QCOMPARE(ChainId::next(QString(), specBase), specBase);
    }

    // Known answer from `printf '%s %s' <base> <top> | sha256sum` over the image-spec example's diff IDs.
    void knownAnswer()
    {
        const QString expected = QStringLiteral("sha256:c3191d32a37d7159b2e30830937d2e30268ad6c375a773a8994911a3aba9b93f");
        QCOMPARE(ChainId::next(specBase, specTop), expected);
        const auto chain = ChainId::fromDiffIds({specBase, specTop});
        QVERIFY(chain.ok());
        QCOMPARE(*chain, (QStringList{specBase, expected}));
    }

    void orderMatters()
    {
        QVERIFY(ChainId::next(specBase, specTop) != ChainId::next(specTop, specBase));
    }

    // containerd 1.6 committed the imported umoci image's layers under exactly these keys.
    void matchesContainerdSnapshotKeys()
    {
        const auto config = ImageConfig::parse(fixture(QStringLiteral("umoci-config.json")));
        QVERIFY(config.ok());
        const auto chain = ChainId::fromDiffIds(config->diffIds);
        QVERIFY(chain.ok());
        QStringList keys;
        for (const QByteArray &line : fixture(QStringLiteral("umoci-snapshots-ls.txt")).split('\n')) {
            if (!line.isEmpty())
                keys.append(QString::fromLatin1(line.left(line.indexOf(' '))));
        }
        QCOMPARE(chain->size(), 3);
        for (const QString &id : *chain)
            QVERIFY2(keys.contains(id), qPrintable(id));
    }

    void emptyAndInvalid()
    {
        QVERIFY(ChainId::fromDiffIds({})->isEmpty());
        const auto bad = ChainId::fromDiffIds({specBase, QStringLiteral("sha256:xyz")});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, int(Error::InvalidArgument));
        QVERIFY(bad.error().message.contains(QStringLiteral("sha256:xyz")));
    }
};

QTEST_GUILESS_MAIN(TstChainId)
#include "tst_chainid.moc"
