#include "editor/snapshotpalette.h"

#include "atlas/atlasfiltermodel.h"
#include "atlas/atlasmodel.h"
#include "atlas/atlasroles.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata {

SnapshotPalette::SnapshotPalette(QWidget *parent)
    : QWidget(parent), m_proxy(new AtlasFilterModel(this)), m_filter(new QLineEdit(this)), m_view(new QTreeView(this))
{
    m_filter->setObjectName(QStringLiteral("paletteFilter"));
    m_filter->setPlaceholderText(tr("Filter by key, image or folder number"));
    m_filter->setClearButtonEnabled(true);
    m_view->setObjectName(QStringLiteral("paletteTree"));
    m_view->setModel(m_proxy);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setUniformRowHeights(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Atlas::NameColumn, Qt::AscendingOrder);
    m_view->setToolTip(tr("Drag rows into the list, or press Enter to append the current row's folder"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("<b>Snapshots</b> — drag into the list"), this);
    title->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        if (!text.trimmed().isEmpty())
            m_view->expandAll();
    });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString folder = index.data(Atlas::FolderPathRole).toString();
        if (!folder.isEmpty())
            Q_EMIT folderChosen(folder);
    });
}

void SnapshotPalette::setSourceModel(AtlasModel *model)
{
    m_proxy->setSourceModel(model);
    // Compact (set once the columns exist): what a row is, and its folder number.
    for (int column = 0; column < Atlas::ColumnCount; ++column)
        m_view->setColumnHidden(column, column != Atlas::NameColumn && column != Atlas::KindColumn && column != Atlas::FolderColumn);
    m_view->header()->setStretchLastSection(false);
    // The key is long and the pane narrow: the name gets the room, the others what they need.
    m_view->header()->setSectionResizeMode(Atlas::NameColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(Atlas::NameColumn, fontMetrics().averageCharWidth() * 20);
    m_view->header()->setSectionResizeMode(Atlas::KindColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(Atlas::FolderColumn, QHeaderView::ResizeToContents);
    m_view->expandToDepth(0);
    connect(model, &QAbstractItemModel::modelReset, m_view, [this] { m_view->expandToDepth(0); });
}

} // namespace strata
