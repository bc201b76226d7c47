#include "connectdialog.h"

#include "client/address.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace strata {

namespace {
constexpr int kRecentAddresses = 8;
}

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_address(new QComboBox(this))
    , m_ns(new QLineEdit(this))
{
    setWindowTitle(tr("Connect to containerd"));
    m_address->setEditable(true);
    m_address->setMinimumWidth(360);
    QSettings settings;
    const QStringList recent = settings.value(QStringLiteral("connection/recent")).toStringList();
    m_address->addItems(recent.isEmpty() ? QStringList{Address::defaultAddress()} : recent);
    m_ns->setText(settings.value(QStringLiteral("connection/namespace"), QStringLiteral("default")).toString());

    auto *form = new QFormLayout(this);
    auto *hint = new QLabel(tr("A socket path such as <tt>/run/containerd/containerd.sock</tt>, "
                               "<tt>unix:///path</tt>, or on Windows <tt>npipe:////./pipe/containerd-containerd</tt>."),
                            this);
    hint->setWordWrap(true);
    form->addRow(tr("&Address:"), m_address);
    form->addRow(QString(), hint);
    form->addRow(tr("&Namespace:"), m_ns);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void ConnectDialog::setAddress(const QString &address)
{
    m_address->setCurrentText(address);
}

void ConnectDialog::setNamespace(const QString &ns)
{
    m_ns->setText(ns);
}

QString ConnectDialog::address() const
{
    return m_address->currentText().trimmed();
}

QString ConnectDialog::ns() const
{
    const QString ns = m_ns->text().trimmed();
    return ns.isEmpty() ? QStringLiteral("default") : ns;
}

void ConnectDialog::remember() const
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("connection/recent")).toStringList();
    recent.removeAll(address());
    recent.prepend(address());
    settings.setValue(QStringLiteral("connection/recent"), recent.mid(0, kRecentAddresses));
    settings.setValue(QStringLiteral("connection/namespace"), ns());
}

} // namespace strata
