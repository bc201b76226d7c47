#include "tarfixture.h"

#include "files/mergedtree.h"
#include "files/tarchanges.h"

#include <QTest>

using namespace strata;

namespace {

// Layers from text (see tarfixture.h), base first, separated by "---".
QList<LayerChanges> layers(const QString &spec)
{
    QList<LayerChanges> out;
    for (const QString &layer : spec.split(QStringLiteral("---"))) {
        const QByteArray tar = test::makeTar(layer);
        bool done = false;
        auto changes = TarChanges::read([&]() -> Result<QByteArray> {
            if (done)
                return QByteArray();
            done = true;
            return tar;
        });
        out << (changes ? *changes : LayerChanges{});
    }
    return out;
}

QString layersText(const QList<qint16> &list)
{
    QStringList parts;
    for (const qint16 l : list)
        parts << QString::number(l + 1);
    return parts.join(QLatin1Char(','));
}

// One line per visible path: "path kind L<layer, 1-based>|implied [shadows N,M]".
QString renderVisible(const MergedTree &tree)
{
    QStringList lines;
    for (const auto &v : tree.flatten()) {
        QString line = QStringLiteral("%1 %2 %3")
                           .arg(v.path, FileKindName::of(v.kind),
                                v.layer < 0 ? QStringLiteral("implied") : QStringLiteral("L%1").arg(v.layer + 1));
        if (!v.shadows.isEmpty())
            line += QStringLiteral(" shadows ") + layersText(v.shadows);
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString renderRemoved(const MergedTree &tree)
{
    static const char *const how[] = {"whiteout", "opaque", "replaced"};
    QStringList lines;
    for (const auto &r : tree.removed())
        lines << QStringLiteral("%1 by L%2 (%3) %4 bytes from %5")
                     .arg(r.path)
                     .arg(r.byLayer + 1)
                     .arg(QString::fromLatin1(how[int(r.how)]))
                     .arg(r.bytes)
                     .arg(layersText(r.fromLayers));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestMergedTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rewrittenInThreeLayers()
    {
        const auto tree = MergedTree::build(layers(QStringLiteral(R"(
            d etc
            f etc/who base
            ---
            f etc/who middle!
            ---
            f etc/who top
        )")));
        QCOMPARE(renderVisible(tree), QStringLiteral("etc dir L1\n"
                                                     "etc/who file L3 shadows 1,2"));
        QCOMPARE(tree.summary().bytes, 3);
        QCOMPARE(tree.summary().wastedBytes, 4 + 7);
        // dive: the smallest version of each path over all versions of it.
        QCOMPARE(tree.summary().efficiency, 3.0 / (4 + 7 + 3));
        QVERIFY(tree.removed().isEmpty());
    }

    void whiteoutsOfFilesAndDirectories()
    {
        const auto tree = MergedTree::build(layers(QStringLiteral(R"(
            d a
            f a/keep 1
            f a/drop 22
            d b
            f b/x 333
            f b/y 4444
            ---
            w a/drop
            w b
            w never-there
        )")));
        QCOMPARE(renderVisible(tree), QStringLiteral("a dir L1\n"
                                                     "a/keep file L1"));
        QCOMPARE(renderRemoved(tree), QStringLiteral("a/drop by L2 (whiteout) 2 bytes from 1\n"
                                                     "b by L2 (whiteout) 7 bytes from 1"));
        QCOMPARE(tree.summary().wastedBytes, 2 + 3 + 4);
        QCOMPARE(tree.summary().files, 1);
    }

    void opaqueDirectoryHidesOnlyLowerLayers()
    {
        // The marker comes after the layer's own child in the tar: it still hides only the lower ones.
        const auto tree = MergedTree::build(layers(QStringLiteral(R"(
            d cache
            f cache/old 12345
            ---
            d cache
            f cache/new 12
            o cache
        )")));
        QCOMPARE(renderVisible(tree), QStringLiteral("cache dir L2 shadows 1\n"
                                                     "cache/new file L2"));
        QCOMPARE(renderRemoved(tree), QStringLiteral("cache/old by L2 (opaque) 5 bytes from 1"));
    }

    void fileReplacesDirectoryAndBack()
    {
        const auto tree = MergedTree::build(layers(QStringLiteral(R"(
            d x
            f x/inside 1
            ---
            f x plain
            ---
            d x
            f x/again 2
        )")));
        QCOMPARE(renderVisible(tree), QStringLiteral("x dir L3 shadows 1,2\n"
                                                     "x/again file L3"));
        QCOMPARE(renderRemoved(tree), QStringLiteral("x/inside by L2 (replaced) 1 bytes from 1"));
    }

    void impliedParentsAndLinks()
    {
        const auto tree = MergedTree::build(layers(QStringLiteral(R"(
            f deep/er/file abc
            l deep/link file
            h deep/hard deep/er/file
        )")));
        QCOMPARE(renderVisible(tree), QStringLiteral("deep dir implied\n"
                                                     "deep/er dir implied\n"
                                                     "deep/er/file file L1\n"
                                                     "deep/hard hardlink L1\n"
                                                     "deep/link symlink L1"));
        const auto link = tree.find(QStringLiteral("deep/link"));
        QVERIFY(link);
        QCOMPARE(tree.visible(*link).linkTarget, QStringLiteral("file"));
        QVERIFY(!tree.find(QStringLiteral("deep/none")));
        QCOMPARE(tree.children(MergedTree::Root).size(), 1);
    }

    void orderDecidesTheWinner()
    {
        const auto a = layers(QStringLiteral("f etc/who one\n---\nf etc/who five"));
        const auto right = MergedTree::build(a);
        const auto reversed = MergedTree::build({a[1], a[0]});
        QCOMPARE(right.visible(*right.find(QStringLiteral("etc/who"))).size, 4);
        QCOMPARE(reversed.visible(*reversed.find(QStringLiteral("etc/who"))).size, 3);
    }

    void emptyStack()
    {
        const auto tree = MergedTree::build({});
        QVERIFY(tree.flatten().isEmpty());
        QCOMPARE(tree.summary().efficiency, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestMergedTree)
#include "tst_mergedtree.moc"
