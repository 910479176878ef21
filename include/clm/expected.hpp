// A value or the diagnostic that explains why there is none.
#pragma once

#include <utility>
#include <variant>

#include "clm/diagnostic.hpp"

namespace clm {

/// Module boundaries return errors as values; only main() decides to exit.
// TODO(C++23): replace with std::expected<T, Diagnostic>.
template <class T> class Expected {
public:
    Expected(T value)
        : m_state(std::move(value)) {}
    Expected(Diagnostic error)
        : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() { return std::get<0>(m_state); }
    const T& value() const { return std::get<0>(m_state); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Diagnostic& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Diagnostic> m_state;
};

} // namespace clm
