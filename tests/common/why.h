#pragma once

#include "core/result.h"

#include <QByteArray>

namespace strata::test {

// The error of a failed Result for QVERIFY2's message; empty on success.
template<typename T>
QByteArray why(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().message.toUtf8();
}

} // namespace strata::test
