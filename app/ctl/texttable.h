#pragma once

#include <QList>
#include <QStringList>
#include <QTextStream>

namespace strata::ctl {

// Columns padded to their widest cell, as ctr prints its listings.
class TextTable
{
public:
    explicit TextTable(QStringList header) : m_rows{std::move(header)} {}

    void add(QStringList row) { m_rows << std::move(row); }
    void print(QTextStream &out) const;

private:
    QList<QStringList> m_rows;
};

} // namespace strata::ctl
