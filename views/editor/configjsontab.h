#pragma once

#include "oci/configdocument.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace strata {

// The config.json as text: shows the document and takes hand edits back. A syntax error is
// reported with its line and column, and the cursor is put there.
class ConfigJsonTab : public QWidget
{
    Q_OBJECT
public:
    explicit ConfigJsonTab(QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *errorLabel() const { return m_error; }

    // Replaces the text unless it holds edits not applied yet (those win until applied or
    // `force`d away).
    void showDocument(const ConfigDocument &document, bool force = false);
    bool hasPendingEdits() const { return m_pending; }

public Q_SLOTS:
    // Parses the text; emits applied() when it is a valid document.
    bool apply();

Q_SIGNALS:
    void applied(const strata::ConfigDocument &document);

private:
    void setPending(bool pending);

    QPlainTextEdit *m_editor;
    QPushButton *m_apply;
    QPushButton *m_revert;
    QLabel *m_error;
    QByteArray m_shown;
    bool m_pending = false;
    bool m_settingText = false;
};

} // namespace strata
