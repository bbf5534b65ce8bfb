// overloaded.h — the "overloaded lambdas" helper for std::visit, in one place.
//
// Owns: nothing but this template. The explicit deduction guide is needed because clang 14
// (Debian 12's, used by the sanitizer and fuzz tree) does not deduce aggregate templates
// from their initializers (C++20's P1816) on its own.
#pragma once

namespace grapevine {

template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace grapevine
