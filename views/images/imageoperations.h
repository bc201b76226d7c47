#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QWidget;

namespace strata {

class MessageBanner;
class Session;
struct Error;

// What the Images page does to images besides showing them: Tag…, Remove… (asked first; a
// second question when a container uses the image), Import… (also by dropping files on the
// page) and Export…. Every call runs on the session's pool; import and export show a modeless
// progress dialog whose Cancel really stops them, and several can run at once. Outcomes go to
// the page's banner as sentences.
class ImageOperations : public QObject
{
    Q_OBJECT
public:
    // `current` names the image the page's current row shows (empty when none); `page` gets
    // the dialogs and takes file drops.
    ImageOperations(Session *session, QWidget *page, MessageBanner *banner, std::function<QString()> current);

    QAction *tagAction() const { return m_tag; }
    QAction *removeAction() const { return m_remove; }
    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; }
    // Tag, Remove and Export need a row; Import never does.
    QList<QAction *> imageActions() const { return {m_tag, m_remove, m_export}; }

public Q_SLOTS:
    void tag(const QString &source, const QString &target, bool force = false);
    void remove(const QString &name, bool force = false);
    void importFile(const QString &file);
    void exportImages(const QString &file, const QStringList &names);

Q_SIGNALS:
    // Each operation's end, after the banner says how it went: for tests and the status line.
    void finished(const QString &what, bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *makeAction(const QString &text, const QKeySequence &key, const QString &tip);
    void askTag();
    void askRemove();
    void askImport();
    void askExport();
    void confirm(const QString &title, const QString &text, const QString &yes, std::function<void()> then);
    void report(const QString &what, const QString &success, const Error *error);

    Session *m_session;
    QWidget *m_page;
    MessageBanner *m_banner;
    std::function<QString()> m_current;
    QAction *m_tag;
    QAction *m_remove;
    QAction *m_import;
    QAction *m_export;
};

} // namespace strata
