// Checking that text read from disk is well-formed UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace clm {

/// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
/// (overlong forms, surrogates and code points above U+10FFFF are not well-formed), or
/// nothing when all of `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// The 1-based line that holds byte `offset` of `text`.
int line_of_offset(std::string_view text, std::size_t offset);

} // namespace clm
