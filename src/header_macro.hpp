// The title macros of `macros.j2`: the two markdown cells that open every deck.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "clm/deck_template.hpp"

namespace clm {

/// The macros that `from 'macros.j2' import ...` can bring into a template.
enum class HeaderMacro { header, header_de, header_en };

/// A set of imported macros, one bit per HeaderMacro.
using HeaderMacroSet = unsigned;

constexpr HeaderMacroSet macro_bit(HeaderMacro macro) {
    return 1U << static_cast<unsigned>(macro);
}

/// The macro named `name` ("header", "header_de", "header_en"), or nothing.
std::optional<HeaderMacro> parse_header_macro(std::string_view name);

/// How many titles `macro` takes: two for `header`, one for the others.
int header_macro_arity(HeaderMacro macro);

/// The expansion of `macro` called with `titles` (German first for `header`). The text starts
/// with the cell marker `%% [markdown] ...` because the calling line supplies the comment in
/// front of it, and it ends without a newline because the calling line's end follows.
std::string expand_header_macro(HeaderMacro macro, std::span<const std::string_view> titles,
                                const TemplateContext& context);

} // namespace clm
