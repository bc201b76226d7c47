#pragma once

#include <QListView>

namespace strata {

class LayerFoldersModel;

// The layerFolders list: drops land between rows (snapshots from the atlas, paths, or rows of
// this list, which move), Delete removes, Ctrl+Up/Down reorders. Every change goes through
// the model as an edit, so the editor's undo stack sees all of them.
class LayerListView : public QListView
{
    Q_OBJECT
public:
    explicit LayerListView(QWidget *parent = nullptr);

    void setLayerModel(LayerFoldersModel *model);

    QList<int> selectedRows() const;
    void selectRows(const QList<int> &rows);

    // The row a drop at `pos` (viewport coordinates) inserts before: the nearer edge of the
    // row under it, or the end below the last row.
    int dropRow(const QPoint &pos) const;

public Q_SLOTS:
    void removeSelected();
    void moveSelectedUp();
    void moveSelectedDown();

Q_SIGNALS:
    // Several model edits that form one user action (a scattered Delete) are bracketed so the
    // undo stack can group them.
    void compoundEditStarted(const QString &text);
    void compoundEditFinished();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    LayerFoldersModel *m_model = nullptr;
};

} // namespace strata
