#pragma once

#include <QLabel>

namespace strata {

// A one-line label that never makes its window wider: a text longer than the room it has is
// drawn elided ("…" in the middle), and its tooltip shows the whole of it. text() stays the
// full text.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;
    bool isElided() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QString shown() const;
};

} // namespace strata
