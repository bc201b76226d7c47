#include "run/quitprogressdialog.h"

#include "run/runcontroller.h"
#include "run/runleftovers.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata {

QuitProgressDialog::QuitProgressDialog(const QList<RunController *> &runs, std::chrono::milliseconds bound, QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_button(new QPushButton(tr("Quit now"), this))
{
    setObjectName(QStringLiteral("runQuitProgress"));
    setWindowTitle(tr("Quitting"));
    setModal(true);
    m_text->setObjectName(QStringLiteral("runQuitText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse); // ids to copy
    m_button->setObjectName(QStringLiteral("runQuitButton"));
    m_progress->setRange(0, int(runs.size()));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_button, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(460, sizeHint().height());

    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_gaveUp)
            accept();
        else
            giveUp();
    });
    m_bound.setSingleShot(true);
    connect(&m_bound, &QTimer::timeout, this, &QuitProgressDialog::giveUp);
    connect(&m_tick, &QTimer::timeout, this, &QuitProgressDialog::update);
    for (RunController *run : runs) {
        m_runs << run;
        connect(run, &RunController::finished, this, &QuitProgressDialog::update);
        run->end();
    }
    m_clock.start();
    m_bound.start(bound);
    m_tick.start(500);
    // After the constructor: a caller's finished() connection sees an all-done dialog close.
    QTimer::singleShot(0, this, &QuitProgressDialog::update);
}

QString QuitProgressDialog::text() const
{
    return m_text->text();
}

void QuitProgressDialog::update()
{
    int done = 0;
    QStringList left;
    for (const auto &run : std::as_const(m_runs)) {
        if (!run || run->isFinished())
            ++done;
        if (run)
            left << RunLeftovers::describe(*run);
    }
    m_progress->setValue(done);
    if (done == m_runs.size() && left.isEmpty())
        return accept();
    if (done == m_runs.size() && !m_gaveUp)
        return giveUp(); // each gave up on its cleanup: nothing more to wait for
    if (!m_gaveUp) {
        m_text->setText(tr("Stopping %n run(s) and removing what Strata created for them… %1 s", nullptr,
                           int(m_runs.size() - done))
                            .arg(m_clock.elapsed() / 1000));
        return;
    }
    m_text->setText(left.isEmpty() ? tr("Finishing the cleanup…")
                                   : tr("containerd did not finish the cleanup. Left behind:\n• %1\n\n%2")
                                         .arg(left.join(QStringLiteral("\n• ")), RunLeftovers::advice()));
}

void QuitProgressDialog::giveUp()
{
    if (m_gaveUp)
        return;
    m_gaveUp = true;
    m_bound.stop();
    for (const auto &run : std::as_const(m_runs)) {
        if (run)
            run->abandon();
    }
    m_button->setText(tr("Quit"));
    update();
}

} // namespace strata
