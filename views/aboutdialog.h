#pragma once

#include <QDialog>

class QFormLayout;

namespace strata {

class Session;

// Help → About: what Strata is and the versions a bug report needs (Strata, Qt, gRPC, protobuf,
// and the containerd the session talks to).
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const Session &session, QWidget *parent = nullptr);

private:
    void addRow(QFormLayout *form, const QString &label, const QString &value, const QString &name);
};

} // namespace strata
