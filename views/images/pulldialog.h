#pragma once

#include "pull/pulljob.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace strata {

class MessageBanner;
class PullProgressModel;
class Session;

// Pull…: a reference and how to reach its registry, then one pull with a row and bar per
// blob. Modeless, one pull at a time per dialog (open another for a second pull). Closing the
// dialog cancels a pull still running; a finished one can be followed by another. The
// password is only handed to the puller: never stored, shown or put in a message.
class PullDialog : public QDialog
{
    Q_OBJECT
public:
    // `knownImages` (the names the Images page lists) and the recent pulls complete the
    // reference.
    PullDialog(Session *session, const QStringList &knownImages, QWidget *parent = nullptr);

    QLineEdit *referenceEdit() const { return m_reference; }
    QLineEdit *platformEdit() const { return m_platform; }
    QCheckBox *plainHttpBox() const { return m_plainHttp; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *pullButton() const { return m_pullButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QTableView *progressView() const { return m_view; }
    PullProgressModel *progressModel() const { return m_model; }
    MessageBanner *banner() const { return m_banner; }
    QLabel *summaryLabel() const { return m_summary; }
    // The current or last pull; null before the first.
    PullJob *job() const { return m_job; }

    // The references of successful pulls, newest first (QSettings "pull/recent").
    static QStringList recentPulls();

    void reject() override;

Q_SIGNALS:
    void pullFinished(strata::PullJob::State state);

private:
    void buildForm(const QStringList &completions);
    void startPull();
    // The options the form describes, or the sentence saying what is wrong with it.
    Result<PullOptions> options() const;
    void onFinished();
    void showSummary();
    void setRunning(bool running);
    void browseCaFile();
    static void remember(const QString &reference);

    Session *m_session;
    QLineEdit *m_reference;
    QLineEdit *m_platform;
    QCheckBox *m_plainHttp;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_target;
    MessageBanner *m_banner;
    PullProgressModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QPushButton *m_pullButton;
    QPushButton *m_cancelButton;
    PullJob *m_job = nullptr;
};

} // namespace strata
