// result.h — the error-or-value type every decoder in Grapevine returns.
// Owns: Error (a human-readable reason) and Result<T>. Never throws, never asserts:
// a decoder that meets bad input returns an Error that names what was wrong.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace grapevine::wire {

struct Error {
    std::string message;
};

template <class T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_v(std::move(value))
    {
    } // NOLINT(google-explicit-constructor)
    Result(Error error)
        : m_v(std::move(error))
    {
    } // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] T &value() & { return std::get<0>(m_v); }
    [[nodiscard]] const T &value() const & { return std::get<0>(m_v); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    [[nodiscard]] const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

inline Error makeError(std::string message)
{
    return Error{std::move(message)};
}

} // namespace grapevine::wire
