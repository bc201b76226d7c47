// ActionRegistry::clashes: which shared keys could fire two actions at once.

#include "actionregistry.h"

#include <QAction>
#include <QTest>
#include <QWidget>

using namespace strata;

class TestActionRegistry : public QObject
{
    Q_OBJECT

    static QAction *action(QObject *parent, const QKeySequence &key)
    {
        auto *a = new QAction(parent);
        a->setShortcut(key);
        return a;
    }

private Q_SLOTS:
    void clashes()
    {
        QObject owner;
        const QWidget first;
        const QWidget second;
        using Menu = ActionRegistry::Menu;
        ActionRegistry registry;
        registry.add(QStringLiteral("first.save"), action(&owner, QKeySequence::Save), Menu::Page, &first);
        registry.add(QStringLiteral("second.save"), action(&owner, QKeySequence::Save), Menu::Page, &second);
        registry.add(QStringLiteral("file.none"), action(&owner, {}), Menu::File);
        registry.add(QStringLiteral("second.none"), action(&owner, {}), Menu::Page, &second);
        // Pages are never in front together, and an empty key is no key.
        QCOMPARE(registry.clashes(), QStringList());

        registry.add(QStringLiteral("first.open"), action(&owner, QKeySequence::Open), Menu::Page, &first);
        registry.add(QStringLiteral("file.open"), action(&owner, QKeySequence::Open), Menu::File);
        registry.add(QStringLiteral("first.undo"), action(&owner, QKeySequence::Undo), Menu::Edit, &first);
        registry.add(QStringLiteral("first.revert"), action(&owner, QKeySequence::Undo), Menu::Page, &first);
        const QStringList found = registry.clashes();
        QCOMPARE(found.size(), 2);
        QVERIFY2(found[0].endsWith(QLatin1String(": first.open and file.open")), qPrintable(found[0]));
        QVERIFY2(found[1].endsWith(QLatin1String(": first.undo and first.revert")), qPrintable(found[1]));

        QCOMPARE(registry.find(QStringLiteral("file.open"))->objectName(), QStringLiteral("file.open"));
        QCOMPARE(registry.actions(Menu::Page, &first).size(), 3);
        QCOMPARE(registry.actions(Menu::File, nullptr).size(), 2);
    }
};

QTEST_MAIN(TestActionRegistry)
#include "tst_actionregistry.moc"
