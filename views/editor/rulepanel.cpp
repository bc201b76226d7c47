#include "editor/rulepanel.h"

#include "editor/layeritemdelegate.h"
#include "layers/layerfoldersmodel.h"
#include "layers/layerpath.h"

#include <QAction>
#include <QComboBox>
#include <QHash>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace strata {

namespace {

constexpr int RowsRole = Qt::UserRole + 1;

QString shortKey(const QString &key)
{
    return key.startsWith(QLatin1String("sha256:")) && key.size() > 19 ? key.left(19) + QChar(0x2026) : key;
}

} // namespace

RulePanel::RulePanel(LayerFoldersModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_diagram(new ChainDiagram(this))
    , m_rule(new QLabel(this))
    , m_status(new QLabel(this))
    , m_violations(new QListWidget(this))
    , m_fixOrder(new QPushButton(tr("Fix order"), this))
    , m_fixOrderAction(new QAction(tr("&Fix order"), this))
    , m_scratches(new QComboBox(this))
    , m_fill(new QPushButton(tr("Fill from scratch snapshot"), this))
{
    m_rule->setWordWrap(true);
    m_rule->setTextFormat(Qt::RichText);
    m_rule->setObjectName(QStringLiteral("ruleText"));
    setShape(ConfigDocument::Form::Linux);

    m_status->setObjectName(QStringLiteral("ruleStatus"));
    m_status->setWordWrap(true);
    m_violations->setObjectName(QStringLiteral("violationList"));
    m_violations->setWordWrap(true);
    m_violations->setTextElideMode(Qt::ElideNone);
    m_violations->setIconSize(QSize(20, 20));
    m_fixOrder->setObjectName(QStringLiteral("fixOrderButton"));
    m_fixOrder->setToolTip(tr("Put the same rows in the valid order"));
    m_scratches->setObjectName(QStringLiteral("scratchChoice"));
    m_scratches->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scratches->setMinimumContentsLength(16);
    m_fill->setObjectName(QStringLiteral("fillButton"));
    m_fill->setToolTip(tr("Replace the list with the valid one for the chosen Active snapshot"));

    auto *chainTitle = new QLabel(tr("<b>The chain</b> (scratch on top, base at the bottom)"), this);
    auto *fillRow = new QHBoxLayout;
    fillRow->addWidget(m_scratches, 1);
    fillRow->addWidget(m_fill);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_rule);
    layout->addSpacing(4);
    layout->addWidget(chainTitle);
    layout->addWidget(m_diagram);
    layout->addWidget(m_status);
    layout->addWidget(m_violations, 1);
    layout->addWidget(m_fixOrder);
    layout->addLayout(fillRow);

    connect(m_fixOrder, &QPushButton::clicked, this, &RulePanel::fixOrderRequested);
    m_fixOrderAction->setToolTip(m_fixOrder->toolTip());
    connect(m_fixOrderAction, &QAction::triggered, this, &RulePanel::fixOrderRequested);
    connect(m_fill, &QPushButton::clicked, this, [this] {
        const QString key = m_scratches->currentData().toString();
        if (!key.isEmpty())
            Q_EMIT fillRequested(key);
    });
    connect(m_violations, &QListWidget::itemActivated, this, &RulePanel::onViolationActivated);
    connect(m_violations, &QListWidget::itemClicked, this, &RulePanel::onViolationActivated);
    connect(m_model, &LayerFoldersModel::validated, this, &RulePanel::refresh);
    refresh();
}

void RulePanel::setShape(ConfigDocument::Form form)
{
    if (form == ConfigDocument::Form::Windows)
        m_rule->setText(tr("<b>The rule.</b> <code>layerFolders</code> lists the <b>nearest parent first</b>, "
                           "the <b>base next to last</b> and the <b>scratch</b> (an Active snapshot) <b>last</b>: "
                           "the scratch mount's <code>parentLayerPaths</code>, then its own folder. hcsshim does "
                           "not check it; a wrong list fails late inside HCS."));
    else
        m_rule->setText(tr("<b>The rule.</b> The rows are the overlay's <code>lowerdir</code> then its "
                           "<code>upperdir</code>: the <b>nearest parent first</b>, the <b>base next to last</b> and "
                           "the <b>scratch</b> (an Active snapshot, the upperdir) <b>last</b>, as in the scratch's "
                           "own overlay mount. overlayfs does not check it: a wrong order mounts, and the container "
                           "sees other versions of its files."));
}

QList<ChainDiagram::Box> RulePanel::chainBoxes(const LayerFoldersModel &model)
{
    const SnapshotStore &store = model.store();
    QString anchor = model.scratchKey();
    QStringList chain;
    if (!anchor.isEmpty()) {
        chain = store.parentKeys(anchor);
    } else {
        // No scratch yet: the longest chain among the listed layers is what it will sit on.
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString key = model.index(r).data(LayerFoldersModel::KeyRole).toString();
            const QStringList parents = store.parentKeys(key);
            if (!key.isEmpty() && SnapshotKind(model.index(r).data(LayerFoldersModel::KindRole).toInt()) == SnapshotKind::Committed
                && parents.size() + 1 > chain.size())
                chain = QStringList{key} + parents;
        }
        if (chain.isEmpty())
            return {};
    }

    QHash<QString, int> rowByKey;
    for (int r = model.rowCount() - 1; r >= 0; --r)
        rowByKey.insert(model.index(r).data(LayerFoldersModel::KeyRole).toString(), r);

    // A listed member is in place when it stands in the same position among the listed members
    // whether they are taken in row order or in chain order: a missing parent elsewhere does
    // not make the others wrong. The scratch must also be the last row.
    const QStringList ranked = chain + (anchor.isEmpty() ? QStringList{} : QStringList{anchor});
    QStringList byRank;
    QList<std::pair<int, QString>> byRow;
    for (const QString &key : ranked) {
        if (rowByKey.contains(key)) {
            byRank << key;
            byRow << std::pair{rowByKey.value(key), key};
        }
    }
    std::sort(byRow.begin(), byRow.end());
    auto inPlace = [&](const QString &key) {
        const qsizetype at = byRank.indexOf(key);
        if (at < 0 || byRow.at(at).second != key)
            return false;
        return key != anchor || rowByKey.value(key) == model.rowCount() - 1;
    };

    auto boxFor = [&](const QString &key, const QString &role, int expectedRow) {
        ChainDiagram::Box box;
        box.role = role;
        const SnapshotFolder *f = store.find(key);
        box.title = f && !f->path.isEmpty() ? QObject::tr("folder %1").arg(LayerPath::folderName(f->path))
                                            : QObject::tr("folder unknown");
        box.detail = QStringLiteral("%1 · %2").arg(f ? kindName(f->kind) : QObject::tr("missing"), shortKey(key));
        const int row = rowByKey.value(key, -1);
        if (row < 0) {
            box.state = ChainDiagram::Box::State::Missing;
            box.note = QObject::tr("not listed (belongs in row %1)").arg(expectedRow + 1);
        } else if (inPlace(key)) {
            box.state = ChainDiagram::Box::State::InPlace;
            box.note = QObject::tr("row %1").arg(row + 1);
        } else {
            box.state = ChainDiagram::Box::State::Misplaced;
            box.note = QObject::tr("row %1, belongs in row %2").arg(row + 1).arg(expectedRow + 1);
        }
        return box;
    };

    QList<ChainDiagram::Box> boxes;
    const int scratchRow = int(chain.size());
    if (anchor.isEmpty()) {
        ChainDiagram::Box box;
        box.role = QObject::tr("scratch");
        box.title = QObject::tr("no scratch");
        box.detail = QObject::tr("an Active snapshot prepared on the top layer goes here");
        box.note = QObject::tr("row %1").arg(scratchRow + 1);
        boxes << box;
    } else {
        boxes << boxFor(anchor, QObject::tr("scratch"), scratchRow);
    }
    for (int i = 0; i < chain.size(); ++i) {
        const QString role = chain.size() == 1 ? QObject::tr("parent = base")
            : i == 0                           ? QObject::tr("nearest parent")
            : i == chain.size() - 1            ? QObject::tr("base")
                                               : QObject::tr("parent %1").arg(i + 1);
        boxes << boxFor(chain.at(i), role, i);
    }
    return boxes;
}

void RulePanel::refresh()
{
    m_diagram->setBoxes(chainBoxes(*m_model));
    m_diagram->setPlaceholder(m_model->hasStore() ? tr("Drop layers here from the atlas, or fill from a scratch snapshot.")
                                                  : tr("No snapshot list loaded yet."));

    m_violations->clear();
    // An empty list is a start, not a mistake: the status line says so instead.
    const auto violations = m_model->rowCount() > 0 ? m_model->violations() : QList<LayerViolation>{};
    for (const LayerViolation &v : violations) {
        auto *item = new QListWidgetItem(LayerItemDelegate::stateIcon(int(LayerFoldersModel::RowState::Violation)),
                                         QStringLiteral("%1: %2\n%3").arg(v.rule, v.problem, v.fix), m_violations);
        QVariantList rows;
        for (int r : v.rows)
            rows << r;
        item->setData(RowsRole, rows);
        item->setToolTip(v.fix);
    }

    if (!m_model->hasStore())
        m_status->setText(tr("Not checked: no snapshot list is loaded."));
    else if (m_model->rowCount() == 0)
        m_status->setText(tr("The list is empty: it needs the scratch's parents, nearest first, then the scratch."));
    else if (violations.isEmpty())
        m_status->setText(tr("<span style='color:#2e7d32'><b>Valid</b></span>: %1 layers on scratch %2.")
                              .arg(m_model->rowCount())
                              .arg(m_model->scratchKey().toHtmlEscaped()));
    else
        m_status->setText(tr("<span style='color:#c62828'><b>%1</b></span>:")
                              .arg(violations.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(violations.size())));

    const auto fixed = m_model->fixedStack();
    m_fixOrder->setEnabled(fixed && fixed->folders() != m_model->folders());
    m_fixOrderAction->setEnabled(m_fixOrder->isEnabled());
    refreshScratches();
}

void RulePanel::refreshScratches()
{
    const QString current = m_scratches->currentData().toString();
    const QString listed = m_model->scratchKey();
    m_scratches->clear();
    for (const SnapshotFolder &f : m_model->store().folders()) {
        if (f.kind == SnapshotKind::Active && !f.path.isEmpty())
            m_scratches->addItem(tr("%1 (folder %2)").arg(f.key, f.id.isEmpty() ? LayerPath::folderName(f.path) : f.id), f.key);
    }
    int at = m_scratches->findData(current.isEmpty() ? listed : current);
    if (at < 0)
        at = m_scratches->findData(listed);
    m_scratches->setCurrentIndex(std::max(at, 0));
    m_fill->setEnabled(m_scratches->count() > 0);
}

void RulePanel::onViolationActivated(QListWidgetItem *item)
{
    QList<int> rows;
    for (const QVariant &v : item->data(RowsRole).toList())
        rows << v.toInt();
    if (!rows.isEmpty())
        Q_EMIT rowsActivated(rows);
}

} // namespace strata
