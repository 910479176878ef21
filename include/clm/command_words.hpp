// Commands given as one string (--executor, CLM_EXECUTOR): split into words like a shell
// would, but never run through one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clm/expected.hpp"

namespace clm {

/// Splits `text` into words as a POSIX shell splits a simple command: blanks separate words;
/// single quotes keep everything up to the next single quote; double quotes keep everything
/// but `\"`, `\\`, `\$` and `` \` ``; a backslash outside quotes keeps the next character.
/// Nothing is expanded. An unterminated quote or a final backslash is an error (the
/// diagnostic's message says which; the caller names the source).
Expected<std::vector<std::string>> split_command_words(std::string_view text);

/// The words joined for display, each quoted when a shell would need it.
std::string join_command_words(const std::vector<std::string>& words);

/// Finds `program` like execvp: a name with a '/' is used as it is, anything else is looked
/// up in PATH. Returns nothing when no executable file is found.
std::optional<std::filesystem::path> find_program(std::string_view program);

} // namespace clm
