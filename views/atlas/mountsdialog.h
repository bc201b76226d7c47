#pragma once

#include "snapshots/mountparser.h"
#include "types/mount.h"

#include <QDialog>

class QPlainTextEdit;

namespace strata {

// The mounts of a snapshot just made, as `ctr snapshots prepare --mounts` prints them, with the
// numbered folders spelled out: what a user needs to fill a runtime config's layer folders.
class MountsDialog : public QDialog
{
    Q_OBJECT
public:
    MountsDialog(const QString &key, const QList<Mount> &mounts, const MountParser::Hint &hint, QWidget *parent = nullptr);

    QString text() const;

private:
    QPlainTextEdit *m_text;
};

} // namespace strata
