#include "atlas/atlasdetails.h"

#include "clipboardcopy.h"

#include "atlas/atlasbackend.h"
#include "atlas/atlasroles.h"
#include "snapshots/mountparser.h"
#include "types/snapshotkind.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace strata {

namespace {

QString prettyJson(const QByteArray &bytes)
{
    const auto doc = QJsonDocument::fromJson(bytes);
    return doc.isNull() ? QString::fromUtf8(bytes) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

} // namespace

AtlasDetails::AtlasDetails(AtlasBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_title(new QLabel(this))
    , m_fields(new QWidget(this))
    , m_form(new QFormLayout(m_fields))
    , m_copyKey(new QPushButton(tr("Copy key"), this))
    , m_copyPath(new QPushButton(tr("Copy path"), this))
    , m_openFolder(new QPushButton(tr("Open folder"), this))
    , m_tabs(new QTabWidget(this))
    , m_labels(new QTreeWidget(this))
    , m_mounts(new QPlainTextEdit(this))
    , m_manifest(new QPlainTextEdit(this))
    , m_config(new QPlainTextEdit(this))
{
    m_title->setObjectName(QStringLiteral("atlasDetailsTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_copyKey->setObjectName(QStringLiteral("atlasCopyKey"));
    m_copyPath->setObjectName(QStringLiteral("atlasCopyPath"));
    m_openFolder->setObjectName(QStringLiteral("atlasOpenFolder"));
    connect(m_copyKey, &QPushButton::clicked, this, [this] { ClipboardCopy::copy(m_copyKey, m_key, tr("key")); });
    connect(m_copyPath, &QPushButton::clicked, this,
            [this] { ClipboardCopy::copy(m_copyPath, m_path, tr("folder path")); });
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(m_path)))
            Q_EMIT message(tr("No file manager opened %1; Copy path and open it by hand.").arg(m_path));
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyKey);
    buttons->addWidget(m_copyPath);
    buttons->addWidget(m_openFolder);
    buttons->addStretch(1);

    m_labels->setObjectName(QStringLiteral("atlasLabels"));
    m_labels->setHeaderLabels({tr("Label"), tr("Value")});
    m_labels->setRootIsDecorated(false);
    m_labels->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_labelsPage = m_labels;
    m_mounts->setObjectName(QStringLiteral("atlasMounts"));
    m_manifest->setObjectName(QStringLiteral("atlasManifest"));
    m_config->setObjectName(QStringLiteral("atlasConfig"));
    m_mountsPage = textPage(m_mounts, tr("Copy mounts"), tr("mounts"));
    m_manifestPage = textPage(m_manifest, tr("Copy manifest"), tr("manifest"));
    m_configPage = textPage(m_config, tr("Copy config"), tr("config"));
    m_tabs->addTab(m_labelsPage, tr("Labels"));
    m_tabs->addTab(m_mountsPage, tr("Mounts"));
    m_tabs->addTab(m_manifestPage, tr("Manifest"));
    m_tabs->addTab(m_configPage, tr("Config"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_fields);
    layout->addLayout(buttons);
    layout->addWidget(m_tabs, 1);
    clear();
}

QWidget *AtlasDetails::textPage(QPlainTextEdit *edit, const QString &copyWhat, const QString &what)
{
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *page = new QWidget(this);
    auto *copy = new QPushButton(copyWhat, page);
    connect(copy, &QPushButton::clicked, edit, [copy, edit, what] { ClipboardCopy::copy(copy, edit->toPlainText(), what); });
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(copy, 0, Qt::AlignRight);
    return page;
}

void AtlasDetails::clear()
{
    ++m_request;
    m_key.clear();
    m_path.clear();
    m_title->setText(tr("Select an image or a snapshot to see its details."));
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_labels->clear();
    m_mounts->clear();
    m_manifest->clear();
    m_config->clear();
    m_copyKey->setEnabled(false);
    m_copyPath->setEnabled(false);
    m_openFolder->setEnabled(false);
    for (int i = 0; i < m_tabs->count(); ++i)
        m_tabs->setTabVisible(i, false);
}

void AtlasDetails::addField(const QString &name, const QString &value)
{
    auto *label = new QLabel(value.isEmpty() ? tr("—") : value, m_fields);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    // A path or digest has no place to wrap and may be clipped by a narrow pane.
    label->setToolTip(value);
    m_form->addRow(name, label);
}

QString AtlasDetails::fieldText(const QString &field) const
{
    for (int r = 0; r < m_form->rowCount(); ++r) {
        auto *name = qobject_cast<QLabel *>(m_form->itemAt(r, QFormLayout::LabelRole)->widget());
        auto *value = qobject_cast<QLabel *>(m_form->itemAt(r, QFormLayout::FieldRole)->widget());
        if (name && value && name->text() == field)
            return value->text();
    }
    return {};
}

QString AtlasDetails::title() const { return m_title->text(); }
QString AtlasDetails::manifestText() const { return m_manifest->toPlainText(); }
QString AtlasDetails::configText() const { return m_config->toPlainText(); }
QString AtlasDetails::mountsText() const { return m_mounts->toPlainText(); }

void AtlasDetails::showIndex(const QModelIndex &index)
{
    clear();
    if (!index.isValid())
        return;
    const QModelIndex row = index.siblingAtColumn(0);
    switch (Atlas::NodeType(row.data(Atlas::NodeTypeRole).toInt())) {
    case Atlas::NodeType::Image: showImage(row); break;
    case Atlas::NodeType::Layer:
    case Atlas::NodeType::Snapshot: showSnapshot(row); break;
    case Atlas::NodeType::Branch: m_title->setText(row.data().toString()); break;
    }
}

void AtlasDetails::showSnapshot(const QModelIndex &row)
{
    auto cell = [&row](int column) { return row.siblingAtColumn(column).data().toString(); };
    m_key = row.data(Atlas::KeyRole).toString();
    m_path = row.data(Atlas::FolderPathRole).toString();
    m_title->setText(m_key);
    m_copyKey->setEnabled(true);
    m_copyPath->setEnabled(!m_path.isEmpty());
    m_openFolder->setEnabled(!m_path.isEmpty() && QFileInfo(m_path).isDir());
    if (Atlas::NodeType(row.data(Atlas::NodeTypeRole).toInt()) == Atlas::NodeType::Layer)
        addField(tr("Layer"), tr("%1 of %2 in %3, base first").arg(row.data(Atlas::LayerPositionRole).toInt())
                                  .arg(row.data(Atlas::LayerCountRole).toInt())
                                  .arg(row.data(Atlas::ImageNameRole).toString()));
    const QVariant kind = row.data(Atlas::KindRole);
    if (!kind.isValid()) {
        addField(tr("Snapshot"), tr("not unpacked in the %1 snapshotter").arg(m_backend->snapshotter()));
        return;
    }
    addField(tr("Kind"), kindName(SnapshotKind(kind.toInt())));
    addField(tr("Parent"), row.data(Atlas::ParentKeyRole).toString());
    addField(tr("Folder"), row.data(Atlas::FolderIdRole).toString());
    addField(tr("Path"), m_path);
    addField(tr("Folder read from"), row.data(Atlas::FolderSourceRole).toString());
    const QVariant size = row.data(Atlas::SizeRole);
    addField(tr("Size"), size.isValid() ? tr("%1 (%2 bytes)").arg(cell(Atlas::SizeColumn), QLocale().toString(size.toLongLong()))
                                        : QString());
    addField(tr("Inodes"), cell(Atlas::InodesColumn));
    addField(tr("Created"), cell(Atlas::CreatedColumn));
    addField(tr("Used by"), row.data(Atlas::UsedByRole).toStringList().join(QStringLiteral("\n")));

    const QVariantMap labels = row.data(Atlas::LabelsRole).toMap();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        m_labels->addTopLevelItem(new QTreeWidgetItem({it.key(), it.value().toString()}));
    m_tabs->setTabVisible(m_tabs->indexOf(m_labelsPage), true);
    const auto k = SnapshotKind(kind.toInt());
    if (m_backend->isLive() && (k == SnapshotKind::Active || k == SnapshotKind::View)) {
        m_tabs->setTabVisible(m_tabs->indexOf(m_mountsPage), true);
        m_tabs->setCurrentWidget(m_mountsPage);
        fetchMounts(m_key);
    }
}

void AtlasDetails::showImage(const QModelIndex &row)
{
    const QString name = row.data(Atlas::ImageNameRole).toString();
    m_key = name;
    m_title->setText(name);
    m_copyKey->setEnabled(true);
    addField(tr("Layers"), row.siblingAtColumn(Atlas::KindColumn).data().toString());
    addField(tr("Unpacked size"), row.siblingAtColumn(Atlas::SizeColumn).data().toString());
    addField(tr("Created"), row.siblingAtColumn(Atlas::CreatedColumn).data().toString());
    const QVariantMap labels = row.data(Atlas::LabelsRole).toMap();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        m_labels->addTopLevelItem(new QTreeWidgetItem({it.key(), it.value().toString()}));
    for (auto *page : {m_labelsPage, m_manifestPage, m_configPage})
        m_tabs->setTabVisible(m_tabs->indexOf(page), true);
    m_tabs->setCurrentWidget(m_manifestPage);
    fetchImage(name);
}

void AtlasDetails::fetchMounts(const QString &key)
{
    m_mounts->setPlainText(tr("Reading mounts…"));
    m_backend->readMounts(this, key, [this, request = m_request](Result<QList<Mount>> mounts) {
        if (request != m_request)
            return;
        m_mounts->setPlainText(mounts ? QString::fromUtf8(MountParser::toCtrJson(*mounts)) : m_backend->describe(mounts.error()));
    });
}

void AtlasDetails::fetchImage(const QString &name)
{
    m_manifest->setPlainText(tr("Reading the manifest…"));
    m_config->setPlainText(tr("Reading the config…"));
    m_backend->resolveImage(this, name, [this, request = m_request](Result<ResolvedImage> image) {
        if (request != m_request)
            return;
        if (!image) {
            const QString why = m_backend->describe(image.error());
            m_manifest->setPlainText(why);
            m_config->setPlainText(why);
            return;
        }
        addField(tr("Platform"), image->platform);
        addField(tr("Manifest"), image->manifestDigest);
        addField(tr("Config"), image->configDigest);
        m_manifest->setPlainText(prettyJson(image->manifest));
        m_config->setPlainText(prettyJson(image->config));
    });
}

} // namespace strata
