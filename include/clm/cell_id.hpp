// Stable cell ids derived from cell contents.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace clm {

/// The first 16 hex digits of SHA3-224 of `source`, as the Python tool computes them. When
/// that id is in `taken`, "1:source", "2:source", ... are hashed until one is free. The result
/// is inserted into `taken`.
std::string make_cell_id(std::string_view source, std::unordered_set<std::string>& taken);

/// Lower-case hex SHA3-224 of `data`.
std::string sha3_224_hex(std::string_view data);

} // namespace clm
