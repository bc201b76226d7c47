#pragma once

#include <QFrame>

class QLabel;

namespace strata {

// A non-modal strip above the content for errors and warnings; dismissable, never blocking.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    QString text() const;
    // Hides the banner if it still shows `text` (a later message is left alone).
    void clear(const QString &text);

private:
    QLabel *m_text;
};

} // namespace strata
