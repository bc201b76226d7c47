#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace strata {

// The chain the stack should spell, drawn as it sits on disk: the scratch on top of its
// nearest parent, down to the base. Each box says whether the list has it in the right row.
class ChainDiagram : public QWidget
{
    Q_OBJECT
public:
    struct Box
    {
        enum class State { InPlace, Misplaced, Missing };
        QString role;   // "scratch", "nearest parent", "base"...
        QString title;  // "folder 25"
        QString detail; // "active · servercore-test"
        QString note;   // "row 2 — belongs in row 1"
        State state = State::Missing;
    };

    explicit ChainDiagram(QWidget *parent = nullptr);

    // Top (scratch) first.
    void setBoxes(const QList<Box> &boxes);
    const QList<Box> &boxes() const { return m_boxes; }
    void setPlaceholder(const QString &text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Box> m_boxes;
    QString m_placeholder;
};

} // namespace strata
