#include "clipboardcopy.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QMainWindow>
#include <QStatusBar>
#include <QToolTip>
#include <QWidget>

namespace strata {

namespace {
constexpr int kShownMs = 4000;
constexpr int kMaxShownChars = 80;
} // namespace

void ClipboardCopy::copy(QWidget *source, const QString &text, const QString &what)
{
    if (text.isEmpty())
        return;
    QApplication::clipboard()->setText(text);
    QString message;
    if (const auto lines = text.count(QLatin1Char('\n')); lines > 0) {
        message = QCoreApplication::translate("ClipboardCopy", "Copied %1 (%2 lines)").arg(what).arg(lines + 1);
    } else {
        const QString shown = text.size() > kMaxShownChars ? text.left(kMaxShownChars - 1) + QChar(0x2026) : text;
        message = QCoreApplication::translate("ClipboardCopy", "Copied %1: %2").arg(what, shown);
    }
    if (auto *window = qobject_cast<QMainWindow *>(source->window())) {
        window->statusBar()->showMessage(message, kShownMs);
        return;
    }
    QToolTip::showText(source->mapToGlobal(source->rect().center()), message, source, {}, kShownMs);
}

} // namespace strata
