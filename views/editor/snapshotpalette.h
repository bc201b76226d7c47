#pragma once

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace strata {

class AtlasFilterModel;
class AtlasModel;

// Beside the layer list: the Atlas' images → layers and snapshots, with folder numbers, in a
// compact filterable tree. Rows drag into the list (SnapshotMime, as from the Atlas), and
// Enter or double-click appends a row's folder, so the stack can be built without leaving
// the page or touching the mouse.
class SnapshotPalette : public QWidget
{
    Q_OBJECT
public:
    explicit SnapshotPalette(QWidget *parent = nullptr);

    // The model the Atlas page keeps live; the palette only reads it.
    void setSourceModel(AtlasModel *model);
    QTreeView *view() const { return m_view; }
    QLineEdit *filter() const { return m_filter; }
    AtlasFilterModel *proxy() const { return m_proxy; }

Q_SIGNALS:
    void folderChosen(const QString &folder);

private:
    AtlasFilterModel *m_proxy;
    QLineEdit *m_filter;
    QTreeView *m_view;
};

} // namespace strata
