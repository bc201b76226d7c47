#pragma once

#include <QDialog>
#include <QUrl>

class QTextBrowser;

namespace strata {

// A help page from the resources in a browser window; non-modal, so it can stay open beside
// the layer editor.
class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(const QUrl &page, QWidget *parent = nullptr);

    // Help → Layer ordering: the layerFolders / lowerdir rule with nanoserver's (20, 21) and servercore's (24, 23, 25) folders.
    static QUrl layerOrderingPage();
    // Opens `page` in a dialog that deletes itself when closed.
    static HelpDialog *open(const QUrl &page, QWidget *parent);

    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace strata
