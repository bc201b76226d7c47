#include "layers/layervalidator.h"
#include "oci/configdocument.h"
#include "oci/runtimespec.h"
#include "oci/runtimespecuser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace strata;
using Json = nlohmann::ordered_json;

namespace {

const QString WindowsRoot = QStringLiteral(R"(C:\ProgramData\containerd\root\io.containerd.snapshotter.v1.windows\snapshots)");
const QString OverlayRoot = QStringLiteral("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots");

QString fixture(const QString &relative)
{
    return qEnvironmentVariable("STRATA_FIXTURES") + QLatin1Char('/') + relative;
}

QByteArray readFixture(const QString &relative)
{
    QFile file(fixture(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList keysOf(const Json &object)
{
    QStringList keys;
    for (const auto &item : object.items())
        keys << QString::fromStdString(item.key());
    return keys;
}

LayerStack windowsStack(const QStringList &numbers)
{
    QStringList folders;
    for (const QString &n : numbers)
        folders << WindowsRoot + QLatin1Char('\\') + n;
    return LayerStack::fromFolders(folders);
}

LayerStack overlayStack(const QStringList &numbers)
{
    QStringList folders;
    for (const QString &n : numbers)
        folders << OverlayRoot + QLatin1Char('/') + n + QStringLiteral("/fs");
    return LayerStack::fromFolders(folders);
}

SnapshotStore store(const QString &name)
{
    auto parsed = SnapshotStore::fromText(QString::fromUtf8(readFixture(QStringLiteral("layers/%1.store").arg(name))));
    return parsed ? *parsed : SnapshotStore();
}

RuntimeSpec::ImageConfig userImage()
{
    // The image behind ctr-image-user-spec.json (see fixtures/config/README.md).
    RuntimeSpec::ImageConfig image;
    image.entrypoint = {QStringLiteral("/bin/sh"), QStringLiteral("-c")};
    image.cmd = {QStringLiteral("echo hi")};
    image.env = {QStringLiteral("PATH=/usr/bin:/bin"), QStringLiteral("LANG=C.UTF-8")};
    image.workingDir = QStringLiteral("/work");
    image.user = QStringLiteral("app");
    image.passwd = readFixture(QStringLiteral("config/image-passwd"));
    image.group = readFixture(QStringLiteral("config/image-group"));
    return image;
}

} // namespace

class TestConfigDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Objects Strata reads into are checked when the document is parsed: a type error is an
    // error value, never a throw later.
    void wrongTypesAreParseErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("windows number") << QByteArray(R"({"windows": 42})");
        QTest::newRow("windows array") << QByteArray(R"({"windows": []})");
        QTest::newRow("annotations string") << QByteArray(R"({"annotations": "x"})");
    }

    void wrongTypesAreParseErrors()
    {
        QFETCH(QByteArray, json);
        const auto doc = ConfigDocument::parse(json);
        QVERIFY(!doc);
        QVERIFY2(doc.error().message.contains(QLatin1String("must be an object")), qPrintable(doc.error().message));
    }

    // A FIFO or a device is refused by type, not read until it ends (it never does); the
    // atomic save leaves such a target alone.
    void onlyRegularFiles()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const QString &path : {fifo, QStringLiteral("/dev/zero"), dir.path()}) {
            const auto doc = ConfigDocument::load(path);
            QVERIFY(!doc);
            QVERIFY2(doc.error().message.contains(QLatin1String("not a regular file")), qPrintable(doc.error().message));
        }
        const auto saved = ConfigDocument().save(fifo);
        QVERIFY(!saved);
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
    }

    void tooBigToBeAConfig()
    {
        QTemporaryDir dir;
        QFile big(dir.filePath(QStringLiteral("big.json")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(ConfigDocument::MaxSize + 1));
        big.close();
        const auto doc = ConfigDocument::load(big.fileName());
        QVERIFY(!doc);
        QVERIFY2(doc.error().message.contains(QLatin1String("too big")), qPrintable(doc.error().message));
    }

    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("STRATA_FIXTURES"), "run through ctest, which sets STRATA_FIXTURES");
        QVERIFY(!readFixture(QStringLiteral("config/seed-config.json")).isEmpty());
        QVERIFY(!readFixture(QStringLiteral("config/image-passwd")).isEmpty());
    }

    void readSeed()
    {
        const auto doc = ConfigDocument::load(fixture(QStringLiteral("config/seed-config.json")));
        QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().message));
        QCOMPARE(doc->form(), ConfigDocument::Form::Windows);
        const auto stack = doc->layerStack();
        QVERIFY(stack);
        QCOMPARE(stack->folders(), windowsStack({"20", "21"}).folders());
        QVERIFY(LayerValidator(store(QStringLiteral("windows"))).validate(*stack).isEmpty());
    }

    void writeWindowsLikeSeed()
    {
        const QByteArray seed = readFixture(QStringLiteral("config/seed-config.json"));
        const ConfigDocument built = RuntimeSpec::forWindows(windowsStack({"20", "21"}),
                                                             {QStringLiteral("cmd"), QStringLiteral("/c"), QStringLiteral("echo test")});
        const Json expected = Json::parse(seed.cbegin(), seed.cend());
        QCOMPARE(keysOf(built.json()), keysOf(expected));
        QCOMPARE(keysOf(built.json()["process"]), keysOf(expected["process"]));
        QCOMPARE(keysOf(built.json()["process"]["user"]), keysOf(expected["process"]["user"]));
        QCOMPARE(keysOf(built.json()["windows"]), keysOf(expected["windows"]));
        QVERIFY(built.json() == expected);
        // Four-space indent, as in the report: the file it writes is the report's file.
        QCOMPARE(built.toJson(), seed);
    }

    void roundTripKeepsUnknownFields()
    {
        const QByteArray original = readFixture(QStringLiteral("config/unknown-fields.json"));
        auto doc = ConfigDocument::parse(original);
        QVERIFY(doc);
        const auto stack = doc->layerStack();
        QVERIFY(stack);

        // The fixture lists servercore base-first; fix it the way the editor's button does.
        const LayerValidator validator(store(QStringLiteral("windows")));
        QCOMPARE(validator.validate(*stack).first().rule, LayerViolation::WrongOrder);
        const auto fixed = validator.reordered(*stack);
        QVERIFY(fixed);
        doc->setLayerStack(*fixed);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(doc->save(path));
        const auto reread = ConfigDocument::load(path);
        QVERIFY(reread);
        QCOMPARE(reread->layerStack()->folders(), windowsStack({"24", "23", "25"}).folders());
        QVERIFY(validator.validate(*reread->layerStack()).isEmpty());

        Json expected = Json::parse(original.cbegin(), original.cend());
        expected["windows"]["layerFolders"] = Json::array({
            (WindowsRoot + "\\24").toStdString(), (WindowsRoot + "\\23").toStdString(), (WindowsRoot + "\\25").toStdString()});
        QVERIFY(reread->json() == expected);
        QCOMPARE(keysOf(reread->json()), keysOf(expected));
        QCOMPARE(keysOf(reread->json()["windows"]), keysOf(expected["windows"]));

        // Byte for byte, only the two swapped lines differ.
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray line23 = "snapshots\\\\23\",\n";
        const QByteArray line24 = "snapshots\\\\24\",\n";
        QByteArray swapped = original;
        swapped.replace(line23, "@@").replace(line24, line23).replace("@@", line24);
        QVERIFY(swapped != original);
        QCOMPARE(saved.readAll(), swapped);
    }

    void saveReplacesAndFailsCleanly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QVERIFY(RuntimeSpec::forWindows(windowsStack({"20", "21"}), {QStringLiteral("cmd")}).save(path));
        QVERIFY(RuntimeSpec::forWindows(windowsStack({"24", "23", "25"}), {QStringLiteral("cmd")}).save(path));
        QCOMPARE(ConfigDocument::load(path)->layerStack()->size(), 3);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("config.json")});

        const QString nowhere = dir.filePath(QStringLiteral("missing/config.json"));
        const Status failed = ConfigDocument().save(nowhere);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, int(Error::Io));
        QVERIFY(!QFile::exists(nowhere));
    }

    void brokenJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("missing value") << QByteArray("{\n    \"ociVersion\": \"1.1.0\",\n    \"process\": ,\n}") << 3 << 16;
        QTest::newRow("trailing comma") << QByteArray("{\"a\": [1, 2,]}") << 1 << 13;
        QTest::newRow("columns count characters") << QByteArray("{\n  \"\xc3\xa9\xc3\xa9\": x\n}") << 2 << 9;
        QTest::newRow("end of input") << QByteArray("{\n  \"a\": [1, 2\n") << 3 << 1;
        QTest::newRow("newline in a string") << QByteArray("{\n \"a\": \"abc\n\"}") << 2 << 11;
        QTest::newRow("empty") << QByteArray() << 1 << 1;
        QTest::newRow("not an object") << QByteArray("[\"cmd\"]") << 1 << 1;
    }

    void brokenJson()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        QFETCH(int, column);

        ConfigDocument::Position at;
        const auto doc = ConfigDocument::parse(bytes, &at);
        QVERIFY(!doc);
        QCOMPARE(doc.error().code, int(Error::Corrupt));
        QCOMPARE(at, (ConfigDocument::Position{line, column}));
        const QString prefix = QStringLiteral("line %1, column %2: ").arg(line).arg(column);
        QVERIFY2(doc.error().message.startsWith(prefix), qPrintable(doc.error().message));
        QVERIFY2(!doc.error().message.contains(QLatin1String("json.exception")), qPrintable(doc.error().message));
    }

    void loadNamesTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n    \"ociVersion\": \"1.1.0\",\n    \"process\": ,\n}");
        file.close();
        const auto doc = ConfigDocument::load(path);
        QVERIFY(!doc);
        QVERIFY2(doc.error().message.startsWith(path + QStringLiteral(": line 3, column 16: ")), qPrintable(doc.error().message));

        const auto missing = ConfigDocument::load(dir.filePath(QStringLiteral("nope.json")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, int(Error::Io));
    }

    void layerStackErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        const QByteArray annotation = "{\"annotations\": {\"org.strata.layer-folders\": ";
        QTest::newRow("no layers") << QByteArray("{\"process\": {}}") << int(Error::NotFound);
        QTest::newRow("windows without layerFolders") << QByteArray("{\"windows\": {}}") << int(Error::NotFound);
        QTest::newRow("layerFolders not an array") << QByteArray("{\"windows\": {\"layerFolders\": \"C:\\\\x\"}}") << int(Error::Corrupt);
        QTest::newRow("layerFolders with a number") << QByteArray("{\"windows\": {\"layerFolders\": [\"a\", 2]}}") << int(Error::Corrupt);
        QTest::newRow("annotation not a string") << annotation + "[\"/a\"]}}" << int(Error::Corrupt);
        QTest::newRow("annotation not JSON") << annotation + "\"[/a\"}}" << int(Error::Corrupt);
        QTest::newRow("annotation of numbers") << annotation + "\"[1, 2]\"}}" << int(Error::Corrupt);
    }

    void layerStackErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        const auto doc = ConfigDocument::parse(bytes);
        QVERIFY(doc);
        const auto stack = doc->layerStack();
        QVERIFY(!stack);
        QCOMPARE(stack.error().code, code);
    }

    void linuxAnnotationRoundTrip()
    {
        auto doc = ConfigDocument::parse("{\"ociVersion\": \"1.0.2-dev\", \"annotations\": {\"keep\": \"me\"}, \"linux\": {}}");
        QVERIFY(doc);
        QCOMPARE(doc->form(), ConfigDocument::Form::Linux);
        const LayerStack stack = overlayStack({"24", "23", "25"});
        doc->setLayerStack(stack);
        const Json &value = doc->json()["annotations"][ConfigDocument::LayerFoldersAnnotation.toStdString()];
        QVERIFY(value.is_string());
        QCOMPARE(Json::parse(value.get<std::string>()).size(), std::size_t(3));
        QCOMPARE(keysOf(doc->json()), (QStringList{"ociVersion", "annotations", "linux"}));
        QCOMPARE(doc->json()["annotations"]["keep"].get<std::string>(), std::string("me"));

        const auto reread = ConfigDocument::parse(doc->toJson());
        QVERIFY(reread);
        QCOMPARE(reread->layerStack()->folders(), stack.folders());
    }

    void linuxSpecMatchesCtrWithoutImage()
    {
        RuntimeSpec::LinuxRequest request;
        request.containerId = QStringLiteral("golden1");
        request.args = {QStringLiteral("/bin/echo"), QStringLiteral("hi")};
        auto built = RuntimeSpec::forLinux(request);
        QVERIFY(built);
        // ctr was given --rootfs; through a snapshot the path stays "rootfs".
        QCOMPARE(built->json()["root"]["path"].get<std::string>(), std::string("rootfs"));
        built->json()["root"]["path"] = "/tmp/layers-rootfs";
        const QByteArray golden = readFixture(QStringLiteral("config/ctr-rootfs-spec.json"));
        QCOMPARE(built->toJson(), golden);
    }

    void linuxSpecMatchesCtrWithImage()
    {
        RuntimeSpec::LinuxRequest request;
        request.containerId = QStringLiteral("golden2");
        request.image = userImage();
        request.env = {QStringLiteral("LANG=en_US.UTF-8"), QStringLiteral("EXTRA=1")};
        const auto built = RuntimeSpec::forLinux(request);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->toJson(), readFixture(QStringLiteral("config/ctr-image-user-spec.json")));
    }

    void linuxSpecCarriesTheStack()
    {
        RuntimeSpec::LinuxRequest request;
        request.containerId = QStringLiteral("c1");
        request.containerdNamespace = QStringLiteral("strata");
        request.layers = overlayStack({"24", "23", "25"});
        request.image = userImage();
        request.args = {QStringLiteral("/bin/true")};
        request.env = {QStringLiteral("LANG")};
        const auto built = RuntimeSpec::forLinux(request);
        QVERIFY(built);
        const Json &spec = built->json();
        QCOMPARE(built->form(), ConfigDocument::Form::Linux);
        QCOMPARE(keysOf(spec), (QStringList{"ociVersion", "process", "root", "mounts", "annotations", "linux"}));
        QCOMPARE(spec["root"]["path"].get<std::string>(), std::string("rootfs"));
        QCOMPARE(spec["linux"]["cgroupsPath"].get<std::string>(), std::string("/strata/c1"));
        QVERIFY(spec["process"]["args"] == Json::array({"/bin/true"}));
        QVERIFY(spec["process"]["env"] == Json::array({"PATH=/usr/bin:/bin"}));

        QStringList namespaces, destinations;
        for (const Json &ns : spec["linux"]["namespaces"])
            namespaces << QString::fromStdString(ns["type"].get<std::string>());
        for (const Json &m : spec["mounts"])
            destinations << QString::fromStdString(m["destination"].get<std::string>());
        QCOMPARE(namespaces, (QStringList{"pid", "ipc", "uts", "mount", "network"}));
        QCOMPARE(destinations, (QStringList{"/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/run"}));
        QCOMPARE(spec["process"]["rlimits"][0]["type"].get<std::string>(), std::string("RLIMIT_NOFILE"));

        const Json annotation = Json::parse(spec["annotations"][ConfigDocument::LayerFoldersAnnotation.toStdString()].get<std::string>());
        QCOMPARE(annotation.size(), std::size_t(3));
        QCOMPARE(QString::fromStdString(annotation[0].get<std::string>()), OverlayRoot + "/24/fs");
        const auto reread = ConfigDocument::parse(built->toJson());
        QVERIFY(reread);
        QCOMPARE(reread->layerStack()->folders(), request.layers.folders());
        QVERIFY(LayerValidator(store(QStringLiteral("overlayfs"))).validate(*reread->layerStack()).isEmpty());
    }

    void linuxSpecRefusesUnknownUser()
    {
        RuntimeSpec::LinuxRequest request;
        request.containerId = QStringLiteral("c1");
        request.image = userImage();
        request.image->user = QStringLiteral("nobody");
        const auto built = RuntimeSpec::forLinux(request);
        QVERIFY(!built);
        QCOMPARE(built.error().code, int(Error::NotFound));
    }

    // A Windows-shaped config naming overlay folders: the Windows rule, checked on Linux.
    void windowsConfigOnLinuxFolders_data()
    {
        QTest::addColumn<QStringList>("numbers");
        QTest::addColumn<QString>("rule");
        QTest::newRow("servercore order") << QStringList{"24", "23", "25"} << QString();
        QTest::newRow("base-first") << QStringList{"23", "24", "25"} << LayerViolation::WrongOrder;
        QTest::newRow("scratch missing") << QStringList{"24", "23"} << LayerViolation::ScratchNotLast;
    }

    void windowsConfigOnLinuxFolders()
    {
        QFETCH(QStringList, numbers);
        QFETCH(QString, rule);
        const ConfigDocument built = RuntimeSpec::forWindows(overlayStack(numbers), {QStringLiteral("cmd")});
        const auto doc = ConfigDocument::parse(built.toJson());
        QVERIFY(doc);
        QCOMPARE(doc->form(), ConfigDocument::Form::Windows);
        const auto violations = LayerValidator(store(QStringLiteral("overlayfs"))).validate(*doc->layerStack());
        QCOMPARE(violations.isEmpty() ? QString() : violations.first().rule, rule);
    }

    void user_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("withFiles");
        QTest::addColumn<int>("code"); // 0: resolves
        QTest::addColumn<uint>("uid");
        QTest::addColumn<uint>("gid");
        QTest::addColumn<QList<quint32>>("additional");

        // Expectations follow ctr 1.6.20 on the fixture image (`app` 1000:1001, in wheel and audio;
        // root in wheel): golden2 and a USER-less variant gave [1001, 10, 29] and [0, 10].
        QTest::newRow("no USER") << "" << true << 0 << 0u << 0u << QList<quint32>{0, 10};
        QTest::newRow("name") << "app" << true << 0 << 1000u << 1001u << QList<quint32>{1001, 10, 29};
        QTest::newRow("uid") << "1000" << true << 0 << 1000u << 1001u << QList<quint32>{1001, 10, 29};
        QTest::newRow("uid:gid") << "1000:5" << true << 0 << 1000u << 5u << QList<quint32>{5, 10, 29};
        QTest::newRow("name:group") << "app:wheel" << true << 0 << 1000u << 10u << QList<quint32>{10, 29};
        QTest::newRow("root by numbers") << "0:0" << true << 0 << 0u << 0u << QList<quint32>{0, 10};
        QTest::newRow("uid not in passwd") << "4242" << true << 0 << 4242u << 0u << QList<quint32>{0};
        QTest::newRow("uid without files") << "1000" << false << 0 << 1000u << 0u << QList<quint32>{0};
        QTest::newRow("unknown name") << "nobody" << true << int(Error::NotFound) << 0u << 0u << QList<quint32>{};
        QTest::newRow("name without files") << "app" << false << int(Error::NotFound) << 0u << 0u << QList<quint32>{};
        QTest::newRow("unknown group") << "app:staff" << true << int(Error::NotFound) << 0u << 0u << QList<quint32>{};
        QTest::newRow("three parts") << "a:b:c" << true << int(Error::InvalidArgument) << 0u << 0u << QList<quint32>{};
    }

    void user()
    {
        QFETCH(QString, user);
        QFETCH(bool, withFiles);
        QFETCH(int, code);
        QFETCH(uint, uid);
        QFETCH(uint, gid);
        QFETCH(QList<quint32>, additional);

        const RuntimeSpec::ImageConfig image = userImage();
        const auto resolved = RuntimeSpecUser::resolve(user, withFiles ? image.passwd : QByteArray(),
                                                       withFiles ? image.group : QByteArray());
        QCOMPARE(resolved.ok(), code == 0);
        if (!resolved) {
            QCOMPARE(resolved.error().code, code);
            return;
        }
        QCOMPARE(resolved->uid, uid);
        QCOMPARE(resolved->gid, gid);
        QCOMPARE(resolved->additionalGids, additional);
    }
};

QTEST_GUILESS_MAIN(TestConfigDocument)
#include "tst_configdocument.moc"
