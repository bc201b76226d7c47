#include "registry/authchallenge.h"
#include "registry/registrycredentials.h"

#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TstRegistryAuth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString config(const QByteArray &json)
    {
        const QString path = m_dir.filePath(QStringLiteral("config-%1.json").arg(++m_files));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
            return {};
        return path;
    }
    int m_files = 0;

private Q_SLOTS:
    void parsesBearer()
    {
        const auto c = AuthChallenge::parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull\"");
        QCOMPARE(c.scheme, QStringLiteral("bearer"));
        QCOMPARE(c.params.value(QStringLiteral("realm")), QStringLiteral("https://auth.example/token"));
        QCOMPARE(c.params.value(QStringLiteral("service")), QStringLiteral("registry.example"));
        QCOMPARE(c.params.value(QStringLiteral("scope")), QStringLiteral("repository:a/b:pull"));
    }

    void parsesBasicAndUnquotedValues()
    {
        const auto c = AuthChallenge::parse("BASIC Realm=private, charset=\"UTF-8\"");
        QCOMPARE(c.scheme, QStringLiteral("basic"));
        QCOMPARE(c.params.value(QStringLiteral("realm")), QStringLiteral("private"));
        QCOMPARE(c.params.value(QStringLiteral("charset")), QStringLiteral("UTF-8"));
    }

    void quotedValuesKeepCommasAndEscapes()
    {
        const auto c = AuthChallenge::parse("Bearer scope=\"repository:a:pull,push\",realm=\"say \\\"hi\\\"\"");
        QCOMPARE(c.params.value(QStringLiteral("scope")), QStringLiteral("repository:a:pull,push"));
        QCOMPARE(c.params.value(QStringLiteral("realm")), QStringLiteral("say \"hi\""));
    }

    void readsOnlyTheFirstChallenge()
    {
        const auto c = AuthChallenge::parse("Bearer realm=\"r1\", Basic realm=\"r2\"");
        QCOMPARE(c.scheme, QStringLiteral("bearer"));
        QCOMPARE(c.params.value(QStringLiteral("realm")), QStringLiteral("r1"));
        QCOMPARE(c.params.size(), 1);
    }

    void emptyHeaderHasNoScheme() { QVERIFY(AuthChallenge::parse("").scheme.isEmpty()); }

    void userOption()
    {
        const auto both = RegistryCredentials::fromUserOption(QStringLiteral("alice:pa:ss"));
        QCOMPARE(both.user, QStringLiteral("alice"));
        QCOMPARE(both.secret, QStringLiteral("pa:ss"));
        const auto userOnly = RegistryCredentials::fromUserOption(QStringLiteral("bob"));
        QCOMPARE(userOnly.user, QStringLiteral("bob"));
        QVERIFY(userOnly.secret.isEmpty());
    }

    void dockerConfigAuthField()
    {
        const QByteArray auth = QByteArray("alice:s3cret").toBase64();
        const QString path = config("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth + "\"}}}");
        const auto c = RegistryCredentials::fromDockerConfigFile(path, QStringLiteral("127.0.0.1:5000"));
        QVERIFY(c);
        QCOMPARE(c->user, QStringLiteral("alice"));
        QCOMPARE(c->secret, QStringLiteral("s3cret"));
        QVERIFY(!RegistryCredentials::fromDockerConfigFile(path, QStringLiteral("127.0.0.1:5001")));
    }

    void dockerConfigKeysWithSchemeAndUserFields()
    {
        const QString path = config("{\"auths\":{\"https://reg.example\":{\"username\":\"u\",\"password\":\"p\"}}}");
        const auto c = RegistryCredentials::fromDockerConfigFile(path, QStringLiteral("reg.example"));
        QVERIFY(c);
        QCOMPARE(c->user, QStringLiteral("u"));
        QCOMPARE(c->secret, QStringLiteral("p"));
    }

    void dockerHubUnderItsOldKey()
    {
        const QByteArray auth = QByteArray("hub:tok").toBase64();
        const QString path = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"}}}");
        for (const char *host : {"docker.io", "registry-1.docker.io"}) {
            const auto c = RegistryCredentials::fromDockerConfigFile(path, QString::fromLatin1(host));
            QVERIFY2(c, host);
            QCOMPARE(c->user, QStringLiteral("hub"));
        }
    }

    void brokenOrMissingConfigGivesNothing()
    {
        QVERIFY(!RegistryCredentials::fromDockerConfigFile(m_dir.filePath(QStringLiteral("absent.json")),
                                                           QStringLiteral("docker.io")));
        QVERIFY(!RegistryCredentials::fromDockerConfigFile(config("{not json"), QStringLiteral("docker.io")));
        const QString undecodable = config("{\"auths\":{\"reg.example\":{\"auth\":\"bm9jb2xvbg==\"}}}"); // "nocolon"
        QVERIFY(!RegistryCredentials::fromDockerConfigFile(undecodable, QStringLiteral("reg.example")));
    }
};

QTEST_GUILESS_MAIN(TstRegistryAuth)
#include "tst_registryauth.moc"
