#include "images/pulldialog.h"

#include "images/pullprogressdelegate.h"
#include "messagebanner.h"

#include "core/datasize.h"
#include "pull/pullprogressmodel.h"
#include "session/session.h"

#include <QCheckBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTableView>
#include <QVBoxLayout>

namespace strata {

namespace {

constexpr int kRecentPulls = 12;
const QString kRecentKey = QStringLiteral("pull/recent");

QString shortDigest(const QString &digest)
{
    return digest.startsWith(QLatin1String("sha256:")) ? digest.mid(7, 12) : digest;
}

} // namespace

PullDialog::PullDialog(Session *session, const QStringList &knownImages, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_reference(new QLineEdit(this))
    , m_platform(new QLineEdit(this))
    , m_plainHttp(new QCheckBox(tr("Plain &HTTP, without TLS"), this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_target(new QLabel(this))
    , m_banner(new MessageBanner(this))
    , m_model(new PullProgressModel(this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_pullButton(new QPushButton(tr("&Pull"), this))
    , m_cancelButton(new QPushButton(tr("&Cancel pull"), this))
{
    setWindowTitle(tr("Pull an image"));
    setObjectName(QStringLiteral("pullDialog"));
    QStringList completions = recentPulls();
    for (const QString &name : knownImages) {
        if (!completions.contains(name))
            completions << name;
    }
    buildForm(completions);

    m_view->setObjectName(QStringLiteral("pullProgress"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(PullProgressModel::Progress, new PullProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    // The digest (a long reference while resolving) gives way, elided in the middle; the
    // short columns and the bar keep their width.
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(PullProgressModel::Digest, QHeaderView::Stretch);
    header->setSectionResizeMode(PullProgressModel::Progress, QHeaderView::Fixed);
    header->resizeSection(PullProgressModel::Progress, 200);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_summary->setObjectName(QStringLiteral("pullSummary"));
    m_banner->setObjectName(QStringLiteral("pullBanner"));

    m_pullButton->setObjectName(QStringLiteral("pullButton"));
    m_pullButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("pullCancel"));
    m_cancelButton->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_pullButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &PullDialog::reject);
    connect(m_pullButton, &QPushButton::clicked, this, &PullDialog::startPull);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });

    auto *layout = qobject_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(760, 520);
}

void PullDialog::buildForm(const QStringList &completions)
{
    m_reference->setObjectName(QStringLiteral("pullReference"));
    m_reference->setPlaceholderText(tr("registry.example.com/team/app:1.0, or docker.io/library/busybox"));
    m_reference->setMinimumWidth(420);
    auto *completer = new QCompleter(completions, m_reference);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_reference->setCompleter(completer);
    m_platform->setObjectName(QStringLiteral("pullPlatform"));
    m_platform->setPlaceholderText(tr("this host's (%1); or os/arch[/variant], such as linux/arm64")
                                       .arg(Platform::host().toString()));
    m_plainHttp->setObjectName(QStringLiteral("pullPlainHttp"));
    m_caFile->setObjectName(QStringLiteral("pullCaFile"));
    m_caFile->setPlaceholderText(tr("PEM; trusted besides the system's CAs"));
    m_browse->setObjectName(QStringLiteral("pullCaBrowse"));
    m_browse->setAutoDefault(false);
    connect(m_browse, &QPushButton::clicked, this, &PullDialog::browseCaFile);
    m_user->setObjectName(QStringLiteral("pullUser"));
    m_user->setPlaceholderText(tr("else the docker config's login for the registry, if any"));
    m_password->setObjectName(QStringLiteral("pullPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_target->setObjectName(QStringLiteral("pullTarget"));
    m_target->setText(tr("namespace %1, snapshotter %2").arg(m_session->ns(), m_session->snapshotter()));

    auto *ca = new QHBoxLayout;
    ca->addWidget(m_caFile, 1);
    ca->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Reference:"), m_reference);
    form->addRow(tr("P&latform:"), m_platform);
    form->addRow(QString(), m_plainHttp);
    form->addRow(tr("C&A file:"), ca);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("Into:"), m_target);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
}

QStringList PullDialog::recentPulls()
{
    return QSettings().value(kRecentKey).toStringList();
}

void PullDialog::remember(const QString &reference)
{
    QStringList recent = recentPulls();
    recent.removeAll(reference);
    recent.prepend(reference);
    QSettings().setValue(kRecentKey, recent.mid(0, kRecentPulls));
}

void PullDialog::browseCaFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("The CA that signed the registry's certificate"),
                                                      m_caFile->text(), tr("PEM certificates (*.crt *.pem);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}

Result<PullOptions> PullDialog::options() const
{
    PullOptions o;
    o.reference = m_reference->text().trimmed();
    if (o.reference.isEmpty())
        return Error{Error::InvalidArgument, tr("Name the image to pull, such as registry.example.com/team/app:1.0.")};
    if (const QString platform = m_platform->text().trimmed(); !platform.isEmpty()) {
        auto parsed = Platform::parse(platform);
        if (!parsed)
            return Error{Error::InvalidArgument, tr("Platform: %1").arg(parsed.error().message)};
        o.platform = *parsed;
    }
    o.registry.plainHttp = m_plainHttp->isChecked();
    o.registry.caFile = m_caFile->text().trimmed();
    if (!o.registry.caFile.isEmpty() && !QFileInfo(o.registry.caFile).isReadable())
        return Error{Error::InvalidArgument, tr("The CA file %1 cannot be read.").arg(o.registry.caFile)};
    const QString user = m_user->text().trimmed();
    if (user.isEmpty() && !m_password->text().isEmpty())
        return Error{Error::InvalidArgument, tr("A password needs a user name.")};
    if (!user.isEmpty())
        o.registry.credentials = RegistryCredentials{user, m_password->text()};
    return o;
}

void PullDialog::startPull()
{
    if (m_job && m_job->isRunning())
        return;
    auto o = options();
    if (!o)
        return m_banner->showMessage(MessageBanner::Kind::Error, o.error().message);
    const QString offline = tr("Not connected to containerd: connect first (File → Connect).");
    if (!m_session->client())
        return m_banner->showMessage(MessageBanner::Kind::Error, offline);
    delete m_job;
    m_job = new PullJob(m_session, *o, this);
    m_model->clear();
    m_model->setUnpacking(o->unpack);
    connect(m_job, &PullJob::progress, this, [this](const PullEvent &e) {
        m_model->apply(e);
        showSummary();
    });
    connect(m_job, &PullJob::stateChanged, this, [this](PullJob::State state) {
        if (state == PullJob::State::Cancelling) {
            m_cancelButton->setEnabled(false);
            m_summary->setText(tr("Cancelling…"));
        }
    });
    connect(m_job, &PullJob::finished, this, &PullDialog::onFinished);
    m_banner->clear(m_banner->text());
    if (!m_job->start())
        return m_banner->showMessage(MessageBanner::Kind::Error, offline);
    m_target->setText(tr("namespace %1, snapshotter %2").arg(m_job->ns(), m_job->snapshotter()));
    m_summary->setText(tr("Pulling %1…").arg(o->reference));
    setRunning(true);
}

void PullDialog::onFinished()
{
    setRunning(false);
    const PullJob::State state = m_job->state();
    const QString reference = m_job->options().reference;
    switch (state) {
    case PullJob::State::Succeeded: {
        m_model->finish(PullProgressModel::RowState::Done);
        const PulledImage &image = m_job->image();
        remember(reference);
        m_banner->showMessage(MessageBanner::Kind::Info,
                              tr("Done: pulled %1 (%2, %3) into namespace %4%5.")
                                  .arg(image.name, shortDigest(image.digest), image.platform, m_job->ns(),
                                       image.unpacked ? tr(", unpacked for %1").arg(m_job->snapshotter()) : QString()));
        break;
    }
    case PullJob::State::Cancelled:
        m_model->finish(PullProgressModel::RowState::Cancelled);
        m_banner->showMessage(MessageBanner::Kind::Warning, tr("Cancelled: %1").arg(m_job->error().message));
        break;
    default:
        m_model->finish(PullProgressModel::RowState::Failed);
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("Could not pull %1: %2").arg(reference, m_session->describe(m_job->error())));
        break;
    }
    showSummary();
    Q_EMIT pullFinished(state);
}

void PullDialog::showSummary()
{
    QStringList parts{tr("%1 of %2 done").arg(m_model->doneRows()).arg(m_model->rowCount()),
                      tr("%1 of %2").arg(DataSize::text(m_model->bytesDone()), DataSize::text(m_model->bytesTotal()))};
    if (const double rate = m_model->rate(); rate > 0)
        parts << tr("%1/s").arg(DataSize::text(qint64(rate)));
    if (const qint64 left = m_model->secondsLeft(); left >= 0 && m_job && m_job->isRunning())
        parts << tr("about %1 left").arg(PullProgressModel::durationText(left));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void PullDialog::setRunning(bool running)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_reference, m_platform, m_plainHttp, m_caFile, m_browse, m_user,
                                                       m_password, m_pullButton})
        w->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    if (running)
        m_cancelButton->setFocus();
}

void PullDialog::reject()
{
    // The job goes with the dialog, and its destructor cancels the pull.
    if (m_job)
        m_job->cancel();
    QDialog::reject();
}

} // namespace strata
