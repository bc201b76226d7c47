#include "firstrunpanel.h"

#include "firstrundemo.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace strata {

FirstRunPanel::FirstRunPanel(Session *session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
    , m_demo(new FirstRunDemo(this))
    , m_title(new QLabel(this))
    , m_chooseText(new QLabel(tr("Connect to a containerd socket elsewhere, for example one you started "
                                 "yourself or a remote one forwarded to a local socket."),
                              this))
    , m_chooseButton(new QPushButton(tr("Choose another address…"), this))
    , m_demoButton(new QPushButton(tr("Start a demo containerd"), this))
    , m_demoText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_demoDirectory(FirstRunDemo::defaultDirectory())
{
    setObjectName(QStringLiteral("firstRunPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_title->setObjectName(QStringLiteral("firstRunTitle"));
    m_title->setWordWrap(true);
    m_chooseButton->setObjectName(QStringLiteral("chooseAddressButton"));
    m_demoButton->setObjectName(QStringLiteral("startDemoButton"));
    m_demoText->setObjectName(QStringLiteral("demoText"));
    m_demoText->setWordWrap(true);
    m_progress->setRange(0, FirstRunDemo::stepCount());
    m_progress->setFormat(tr("step %v of %m"));
    m_progress->hide();
    m_progressText->setObjectName(QStringLiteral("demoProgress"));
    m_progressText->setWordWrap(true);
    m_progressText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progressText->hide();

    m_chooseText->setWordWrap(true);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_title, 0, 0, 1, 2);
    grid->addWidget(close, 0, 2, Qt::AlignTop);
    grid->addWidget(m_chooseButton, 1, 0, Qt::AlignTop);
    grid->addWidget(m_chooseText, 1, 1);
    grid->addWidget(m_demoButton, 2, 0, Qt::AlignTop);
    grid->addWidget(m_demoText, 2, 1);
    grid->addWidget(m_progress, 3, 0);
    grid->addWidget(m_progressText, 3, 1);
    grid->setColumnStretch(1, 1);

    connect(m_chooseButton, &QPushButton::clicked, this, &FirstRunPanel::chooseAddressRequested);
    connect(m_demoButton, &QPushButton::clicked, this, &FirstRunPanel::startDemo);
    connect(m_demo, &FirstRunDemo::progress, this, [this](int step, const QString &text) {
        m_progress->setValue(step - 1);
        m_progressText->setText(text);
    });
    connect(m_demo, &FirstRunDemo::finished, this, &FirstRunPanel::onDemoFinished);
    connect(m_session, &Session::stateChanged, this, [this](Session::State state) { onStateChanged(state); });
    hide();
}

void FirstRunPanel::onStateChanged(Session::State state)
{
    switch (state) {
    case Session::State::Connected:
        m_reachedAddress = m_session->address();
        if (!m_demoAddress.isEmpty() && m_reachedAddress == m_demoAddress) {
            m_demoAddress.clear();
            m_title->setText(tr("<b>Connected to the demo containerd.</b>"));
            showChoices(false);
        } else {
            hide();
        }
        break;
    case Session::State::Unreachable:
        if (m_session->address() == m_reachedAddress || m_session->address() == m_offeredAddress)
            break;
        m_offeredAddress = m_session->address();
        m_title->setText(tr("<b>No containerd answers at %1.</b> To get started:")
                             .arg(m_session->address().toHtmlEscaped()));
        showChoices(true);
        show();
        break;
    case Session::State::Connecting:
    case Session::State::Disconnected:
        break;
    }
}

void FirstRunPanel::showChoices(bool choices)
{
    const QString unavailable = FirstRunDemo::unavailableReason();
    m_demoText->setText(unavailable.isEmpty()
                            ? tr("Starts a private containerd in %1 (its own socket, root and state; a system "
                                 "containerd is not touched) and imports two small demo images, built offline, "
                                 "into namespace \"%2\". Takes under a minute.")
                                  .arg(m_demoDirectory, FirstRunDemo::demoNamespace())
                            : unavailable);
    m_chooseButton->setVisible(choices);
    m_chooseText->setVisible(choices);
    m_demoButton->setVisible(choices && unavailable.isEmpty());
    m_demoText->setVisible(choices);
    if (choices && !m_demo->isRunning()) {
        m_progress->hide();
        m_progressText->hide();
    }
}

void FirstRunPanel::startDemo()
{
    m_demoButton->setEnabled(false);
    m_chooseButton->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_progressText->show();
    m_demo->start(m_demoDirectory);
}

void FirstRunPanel::onDemoFinished(bool ok, const QString &message)
{
    m_demoButton->setEnabled(true);
    m_chooseButton->setEnabled(true);
    m_progress->setValue(ok ? FirstRunDemo::stepCount() : m_progress->value());
    m_progressText->setText(message);
    if (!ok)
        return;
    m_demoAddress = m_demo->address();
    Q_EMIT connectRequested(m_demo->address(), FirstRunDemo::demoNamespace());
}

} // namespace strata
