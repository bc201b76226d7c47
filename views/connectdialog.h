#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace strata {

// Asks for the containerd address and namespace; remembers recent addresses.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setAddress(const QString &address);
    void setNamespace(const QString &ns);
    QString address() const;
    QString ns() const;

    // Stores the choice as the next start's default (QSettings).
    void remember() const;

private:
    QComboBox *m_address;
    QLineEdit *m_ns;
};

} // namespace strata
