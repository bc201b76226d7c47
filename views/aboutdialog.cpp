#include "aboutdialog.h"

#include "helpresources.h"

#include "core/buildinfo.h"
#include "session/session.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QVBoxLayout>

namespace strata {

AboutDialog::AboutDialog(const Session &session, QWidget *parent)
    : QDialog(parent)
{
    HelpResources::ensureLoaded();
    setWindowTitle(tr("About Strata"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/strata/icons/org.strata.Strata.png")).pixmap(96, 96));
    auto *title = new QLabel(tr("<h2>Strata %1</h2>"
                                "<p>A desktop workbench for containerd: images, snapshots, the numbered "
                                "folders they live in and the order a runtime spec must list them.</p>")
                                 .arg(QStringLiteral(STRATA_VERSION)),
                             this);
    title->setWordWrap(true);

    auto *form = new QFormLayout;
    addRow(form, tr("Strata:"), QStringLiteral(STRATA_VERSION), QStringLiteral("strataVersion"));
    // The runtime Qt can differ from the one Strata was built with; both matter for a bug report.
    const QString qt = QString::fromLatin1(qVersion()) == QLatin1String(QT_VERSION_STR)
        ? QString::fromLatin1(qVersion())
        : tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    addRow(form, tr("Qt:"), qt, QStringLiteral("qtVersion"));
    addRow(form, tr("gRPC:"), BuildInfo::grpcVersion(), QStringLiteral("grpcVersion"));
    addRow(form, tr("protobuf:"), BuildInfo::protobufVersion(), QStringLiteral("protobufVersion"));
    const VersionInfo &server = session.serverVersion();
    const QString containerd = session.state() != Session::State::Connected || server.version.isEmpty()
        ? tr("not connected")
        : tr("%1 (revision %2) at %3").arg(server.version, server.revision, session.address());
    addRow(form, tr("containerd:"), containerd, QStringLiteral("containerdVersion"));
    addRow(form, tr("Platform:"), QSysInfo::prettyProductName() + QStringLiteral(" · ") + QGuiApplication::platformName(),
           QStringLiteral("platform"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    head->addWidget(icon, 0, Qt::AlignTop);
    head->addWidget(title, 1);
    layout->addLayout(head);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

void AboutDialog::addRow(QFormLayout *form, const QString &label, const QString &value, const QString &name)
{
    auto *field = new QLabel(value, this);
    field->setObjectName(name);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, field);
}

} // namespace strata
