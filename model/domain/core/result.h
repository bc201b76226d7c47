#pragma once

#include "core/error.h"

#include <optional>
#include <utility>
#include <variant>

namespace strata {

// Either a value or an Error. A small stand-in for C++23's std::expected.
template<typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For calls whose success carries nothing.
struct Unit {};
using Status = Result<Unit>;

inline Status success() { return Unit{}; }

} // namespace strata
