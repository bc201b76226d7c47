#include "images/imageoperations.h"

#include "messagebanner.h"

#include "archive/imageexporter.h"
#include "archive/imageimporter.h"
#include "images/imageremover.h"
#include "images/imagetagger.h"
#include "session/session.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>

#include <atomic>
#include <memory>

namespace strata {

namespace {

// A modeless progress dialog whose Cancel sets the flag the worker looks at, and a function
// the worker may call from its thread: the value reaches the dialog on the GUI thread, if the
// dialog is still there, at most once per thousandth.
struct Progress
{
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
    QPointer<QProgressDialog> dialog;
    std::function<void(qint64 done, qint64 total)> post;

    Progress(QWidget *parent, const QString &label)
    {
        dialog = new QProgressDialog(label, QObject::tr("Cancel"), 0, 1000, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("imageProgress"));
        dialog->setAutoClose(false);
        dialog->setAutoReset(false);
        dialog->setMinimumDuration(0);
        dialog->setValue(0);
        QObject::connect(dialog, &QProgressDialog::canceled, dialog, [cancel = cancel, d = dialog] {
            *cancel = true;
            d->setLabelText(QObject::tr("Cancelling…"));
        });
        auto last = std::make_shared<std::atomic_int>(-1);
        post = [d = dialog, last](qint64 done, qint64 total) {
            const int value = total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0;
            if (last->exchange(value) == value)
                return;
            QMetaObject::invokeMethod(qApp, [d, value] {
                if (d)
                    d->setValue(value);
            }, Qt::QueuedConnection);
        };
    }

    void finish() const
    {
        if (dialog)
            dialog->close();
    }
};

} // namespace

ImageOperations::ImageOperations(Session *session, QWidget *page, MessageBanner *banner, std::function<QString()> current)
    : QObject(page)
    , m_session(session)
    , m_page(page)
    , m_banner(banner)
    , m_current(std::move(current))
{
    m_tag = makeAction(tr("&Tag…"), QKeySequence(Qt::CTRL | Qt::Key_T), tr("Give the image another name (the same content)"));
    m_remove = makeAction(tr("Re&move…"), QKeySequence::Delete,
                          tr("Remove the image; containerd reclaims what only it kept"));
    m_import = makeAction(tr("&Import…"), QKeySequence(Qt::CTRL | Qt::Key_I),
                          tr("Import an OCI or docker save archive (or drop one on the page)"));
    m_export = makeAction(tr("&Export…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                          tr("Write the image to an OCI archive that ctr, docker and skopeo read"));
    connect(m_tag, &QAction::triggered, this, &ImageOperations::askTag);
    connect(m_remove, &QAction::triggered, this, &ImageOperations::askRemove);
    connect(m_import, &QAction::triggered, this, &ImageOperations::askImport);
    connect(m_export, &QAction::triggered, this, &ImageOperations::askExport);
    m_page->setAcceptDrops(true);
    m_page->installEventFilter(this);
}

QAction *ImageOperations::makeAction(const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, m_page);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(tip);
    m_page->addAction(action);
    return action;
}

void ImageOperations::askTag()
{
    const QString source = m_current();
    if (source.isEmpty())
        return;
    auto *dialog = new QInputDialog(m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("tagDialog"));
    dialog->setWindowTitle(tr("Tag image"));
    dialog->setLabelText(tr("Another name for %1:").arg(source));
    dialog->setTextValue(source);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, source](const QString &target) { tag(source, target.trimmed()); });
    dialog->open();
}

void ImageOperations::tag(const QString &source, const QString &target, bool force)
{
    m_session->call(
        this, [source, target, force](const std::shared_ptr<const Client> &c) { return ImageTagger(c).tag(source, target, force); },
        [this, source, target, force](const Result<ImageRecord> &tagged) {
            if (!tagged && tagged.error().is(Error::AlreadyExists) && !force)
                return confirm(tr("Replace %1?").arg(target),
                               tr("%1 already names an image. Point it at %2's content instead?").arg(target, source),
                               tr("Replace"), [this, source, target] { tag(source, target, true); });
            report(tr("Could not tag %1 as %2").arg(source, target), tr("%1 is now also %2.").arg(source, target),
                   tagged ? nullptr : &tagged.error());
        });
}

void ImageOperations::askRemove()
{
    const QString name = m_current();
    if (name.isEmpty())
        return;
    confirm(tr("Remove %1?").arg(name),
            tr("Remove the image %1? containerd then reclaims the content and snapshots no other image keeps.").arg(name),
            tr("Remove"), [this, name] { remove(name); });
}

void ImageOperations::remove(const QString &name, bool force)
{
    m_session->call(
        this, [name, force](const std::shared_ptr<const Client> &c) { return ImageRemover(c).remove({name}, force); },
        [this, name, force](const Status &removed) {
            if (!removed && removed.error().is(Error::FailedPrecondition) && !force)
                return confirm(tr("Remove %1 anyway?").arg(name),
                               tr("%1. Remove the image anyway? The containers keep their snapshots.").arg(removed.error().message),
                               tr("Remove anyway"), [this, name] { remove(name, true); });
            report(tr("Could not remove %1").arg(name), tr("%1 is removed.").arg(name), removed ? nullptr : &removed.error());
        });
}

void ImageOperations::askImport()
{
    auto *dialog = new QFileDialog(m_page, tr("Import images"), QString(),
                                   tr("Image archives (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz *.tar.bz2);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &ImageOperations::importFile);
    dialog->open();
}

void ImageOperations::importFile(const QString &file)
{
    const QString shown = QFileInfo(file).fileName();
    const Progress progress(m_page, tr("Importing %1…").arg(shown));
    const ImportOptions options{file, {}, true, m_session->snapshotter()};
    m_session->call(
        this,
        [options, progress](const std::shared_ptr<const Client> &c) {
            ImageImporter::Progress report;
            report.reading = progress.post;
            return ImageImporter(c, options).import(progress.cancel.get(), report);
        },
        [this, shown, progress](const Result<QList<ImportedImage>> &imported) {
            progress.finish();
            QStringList names;
            if (imported) {
                for (const ImportedImage &image : *imported)
                    names << image.name;
            }
            report(tr("Could not import %1").arg(shown), tr("Imported %1 from %2.").arg(names.join(QLatin1String(", ")), shown),
                   imported ? nullptr : &imported.error());
        });
}

void ImageOperations::askExport()
{
    const QString name = m_current();
    if (name.isEmpty())
        return;
    QString suggested = name.section(QLatin1Char('/'), -1).replace(QLatin1Char(':'), QLatin1Char('_')) + QStringLiteral(".tar");
    auto *dialog = new QFileDialog(m_page, tr("Export %1").arg(name), suggested, tr("Image archives (*.tar)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("tar"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, name](const QString &file) { exportImages(file, {name}); });
    dialog->open();
}

void ImageOperations::exportImages(const QString &file, const QStringList &names)
{
    const QString shown = QFileInfo(file).fileName();
    const Progress progress(m_page, tr("Exporting %1 to %2…").arg(names.join(QLatin1String(", ")), shown));
    const ExportOptions options{file, names, {}, false};
    m_session->call(
        this,
        [options, progress](const std::shared_ptr<const Client> &c) {
            return ImageExporter(c, options).exportTo(progress.cancel.get(), progress.post);
        },
        [this, shown, names, progress](const Status &exported) {
            progress.finish();
            report(tr("Could not export %1").arg(names.join(QLatin1String(", "))),
                   tr("Exported %1 to %2.").arg(names.join(QLatin1String(", ")), shown), exported ? nullptr : &exported.error());
        });
}

void ImageOperations::confirm(const QString &title, const QString &text, const QString &yes, std::function<void()> then)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, m_page);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("confirmImageOperation"));
    QPushButton *accept = box->addButton(yes, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [accept, then = std::move(then)](QAbstractButton *clicked) {
        if (clicked == accept)
            then();
    });
    box->open();
}

void ImageOperations::report(const QString &what, const QString &success, const Error *error)
{
    if (error)
        m_banner->showMessage(MessageBanner::Kind::Error, QStringLiteral("%1: %2").arg(what, m_session->describe(*error)));
    else
        m_banner->showMessage(MessageBanner::Kind::Info, success);
    Q_EMIT finished(error ? what : success, !error);
}

bool ImageOperations::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_page || (event->type() != QEvent::DragEnter && event->type() != QEvent::Drop))
        return QObject::eventFilter(watched, event);
    auto *drop = static_cast<QDropEvent *>(event);
    QStringList files;
    if (drop->mimeData()->hasUrls()) {
        for (const QUrl &url : drop->mimeData()->urls()) {
            if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
                files << url.toLocalFile();
        }
    }
    if (files.isEmpty())
        return QObject::eventFilter(watched, event);
    drop->acceptProposedAction();
    if (event->type() == QEvent::Drop) {
        for (const QString &file : std::as_const(files))
            importFile(file);
    }
    return true;
}

} // namespace strata
