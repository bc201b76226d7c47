#pragma once

#include "editor/chaindiagram.h"
#include "oci/configdocument.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace strata {

class LayerFoldersModel;

// Beside the list: the rule in one paragraph, the chain the list should spell (drawn), what is
// wrong with the list now, and the two ways to fix it: reorder, or refill from a scratch.
class RulePanel : public QWidget
{
    Q_OBJECT
public:
    explicit RulePanel(LayerFoldersModel *model, QWidget *parent = nullptr);

    ChainDiagram *diagram() const { return m_diagram; }
    QListWidget *violationList() const { return m_violations; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *fixOrderButton() const { return m_fixOrder; }
    // The same as the button, for menus; enabled with it.
    QAction *fixOrderAction() const { return m_fixOrderAction; }
    QComboBox *scratchChoice() const { return m_scratches; }
    QPushButton *fillButton() const { return m_fill; }
    QLabel *ruleLabel() const { return m_rule; }

    // The rule in the words of the document's shape: layerFolders and HCS, or lowerdir and
    // upperdir.
    void setShape(ConfigDocument::Form form);

    // The chain boxes for the model's rows, top first (also what the diagram shows).
    static QList<ChainDiagram::Box> chainBoxes(const LayerFoldersModel &model);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void fixOrderRequested();
    void fillRequested(const QString &scratchKey);
    // A violation was activated: the rows it is about.
    void rowsActivated(const QList<int> &rows);

private:
    void refreshScratches();
    void onViolationActivated(QListWidgetItem *item);

    LayerFoldersModel *m_model;
    ChainDiagram *m_diagram;
    QLabel *m_rule;
    QLabel *m_status;
    QListWidget *m_violations;
    QPushButton *m_fixOrder;
    QAction *m_fixOrderAction;
    QComboBox *m_scratches;
    QPushButton *m_fill;
};

} // namespace strata
