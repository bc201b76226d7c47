#include "types/imagereference.h"

#include <QTest>

using namespace strata;

class TstImageReference : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalises_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("digest");
        QTest::addColumn<QString>("name");
        const QString d = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
        QTest::newRow("bare") << "busybox" << "docker.io" << "library/busybox" << "latest" << ""
                              << "docker.io/library/busybox:latest";
        QTest::newRow("user repo") << "alice/tool:1.2" << "docker.io" << "alice/tool" << "1.2" << ""
                                   << "docker.io/alice/tool:1.2";
        QTest::newRow("index.docker.io") << "index.docker.io/busybox" << "docker.io" << "library/busybox" << "latest"
                                         << "" << "docker.io/library/busybox:latest";
        QTest::newRow("host with port") << "127.0.0.1:5000/strata/three" << "127.0.0.1:5000" << "strata/three"
                                        << "latest" << "" << "127.0.0.1:5000/strata/three:latest";
        QTest::newRow("localhost") << "localhost/x:t" << "localhost" << "x" << "t" << "" << "localhost/x:t";
        QTest::newRow("dotted host, deep path") << "ghcr.io/a/b/c:v1" << "ghcr.io" << "a/b/c" << "v1" << ""
                                                << "ghcr.io/a/b/c:v1";
        QTest::newRow("not a host") << "team/tool" << "docker.io" << "team/tool" << "latest" << ""
                                    << "docker.io/team/tool:latest";
        QTest::newRow("digest only") << "busybox@" + d << "docker.io" << "library/busybox" << "" << d
                                     << "docker.io/library/busybox@" + d;
        QTest::newRow("tag and digest") << "reg.example:443/x:1@" + d << "reg.example:443" << "x" << "1" << d
                                        << "reg.example:443/x:1@" + d;
        QTest::newRow("separators") << "a/b_c__d.e-f--g" << "docker.io" << "a/b_c__d.e-f--g" << "latest" << ""
                                    << "docker.io/a/b_c__d.e-f--g:latest";
    }

    void normalises()
    {
        QFETCH(QString, text);
        auto ref = ImageReference::parse(text);
        QVERIFY2(ref, ref ? "" : qPrintable(ref.error().message));
        QTEST(ref->domain, "domain");
        QTEST(ref->repository, "repository");
        QTEST(ref->tag, "tag");
        QTEST(ref->digest, "digest");
        QTEST(ref->name(), "name");
        // The digest decides what is fetched when both are given.
        QCOMPARE(ref->object(), ref->digest.isEmpty() ? ref->tag : ref->digest);
    }

    void dockerHubIsReachedAtItsApiHost()
    {
        QCOMPARE(ImageReference::parse(QStringLiteral("busybox"))->apiHost(), QStringLiteral("registry-1.docker.io"));
        QCOMPARE(ImageReference::parse(QStringLiteral("quay.io/x"))->apiHost(), QStringLiteral("quay.io"));
    }

    // What docker's RepoTags hold, and what normalising gives back.
    void familiarNamesLeaveOutDockerHub_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("familiar");
        QTest::newRow("official") << "docker.io/library/busybox:latest" << "busybox:latest";
        QTest::newRow("user") << "docker.io/someone/tool:1.2" << "someone/tool:1.2";
        QTest::newRow("deep library") << "docker.io/library/a/b:x" << "library/a/b:x";
        QTest::newRow("other host") << "127.0.0.1:5000/strata/three:latest" << "127.0.0.1:5000/strata/three:latest";
        QTest::newRow("digest") << "docker.io/library/busybox@sha256:" + QString(64, QLatin1Char('a'))
                                << "busybox@sha256:" + QString(64, QLatin1Char('a'));
    }
    void familiarNamesLeaveOutDockerHub()
    {
        QFETCH(QString, name);
        QFETCH(QString, familiar);
        auto ref = ImageReference::parse(name);
        QVERIFY(ref.ok());
        QCOMPARE(ref->familiar(), familiar);
        QCOMPARE(ImageReference::parse(familiar)->name(), name);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << "" << "empty";
        QTest::newRow("uppercase") << "BusyBox" << "lowercase";
        QTest::newRow("empty component") << "a//b" << "empty";
        QTest::newRow("bad tag") << "busybox:-x" << "not a tag";
        QTest::newRow("short digest") << "busybox@sha256:abc" << "not a digest";
        QTest::newRow("bad host") << "a_b.example:x/y" << "not a registry host";
        QTest::newRow("trailing slash") << "ghcr.io/a/" << "empty";
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        auto ref = ImageReference::parse(text);
        QVERIFY(!ref);
        QCOMPARE(ref.error().code, int(Error::InvalidArgument));
        QVERIFY2(ref.error().message.contains(says), qPrintable(ref.error().message));
    }
};

QTEST_GUILESS_MAIN(TstImageReference)
#include "tst_imagereference.moc"
