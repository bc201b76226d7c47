#pragma once

#include <QModelIndex>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace strata {

class AtlasBackend;

// The selection's details: what the row shows and what needs a call to learn (an image's
// manifest and config JSON, the mounts of an active or view snapshot), with copy buttons and
// Open folder. Calls go through the backend; a newer selection drops older answers.
class AtlasDetails : public QWidget
{
    Q_OBJECT
public:
    explicit AtlasDetails(AtlasBackend *backend, QWidget *parent = nullptr);

    // An index of AtlasModel (not of a proxy); invalid clears the pane.
    void showIndex(const QModelIndex &index);

    QString title() const;
    QString fieldText(const QString &field) const; // the value shown for a field, e.g. "Folder"
    QString manifestText() const;
    QString configText() const;
    QString mountsText() const;

Q_SIGNALS:
    void message(const QString &text);

private:
    void clear();
    void addField(const QString &name, const QString &value);
    void showSnapshot(const QModelIndex &index);
    void showImage(const QModelIndex &index);
    void fetchMounts(const QString &key);
    void fetchImage(const QString &name);
    QWidget *textPage(QPlainTextEdit *edit, const QString &copyWhat, const QString &what);

    AtlasBackend *m_backend;
    QLabel *m_title;
    QWidget *m_fields;
    QFormLayout *m_form;
    QPushButton *m_copyKey;
    QPushButton *m_copyPath;
    QPushButton *m_openFolder;
    QTabWidget *m_tabs;
    QTreeWidget *m_labels;
    QPlainTextEdit *m_mounts;
    QPlainTextEdit *m_manifest;
    QPlainTextEdit *m_config;
    QWidget *m_labelsPage;
    QWidget *m_mountsPage;
    QWidget *m_manifestPage;
    QWidget *m_configPage;
    QString m_key;
    QString m_path;
    quint64 m_request = 0;
};

} // namespace strata
