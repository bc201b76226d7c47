#pragma once

#include <QString>

class QWidget;

namespace strata {

// Puts text on the clipboard and says so where the user is looking: in the status bar of the
// window `source` sits in, or in a tooltip at `source` when that window has none. A silent
// copy leaves the user wondering whether the click did anything.
class ClipboardCopy
{
public:
    // `what` names the copied thing in the sentence, e.g. "folder path".
    static void copy(QWidget *source, const QString &text, const QString &what);
};

} // namespace strata
