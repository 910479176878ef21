// Reading a whole file into memory: decks, topic files, renders and pages.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "clm/file_stamp.hpp"

namespace clm {

/// The whole contents of `path`, or nothing when it cannot be opened or read.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path);

/// The same, and `stamp` set to the file's stamp as the open file had it before the read,
/// so that a write during the read makes the stamp stale rather than the bytes.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path, FileStamp& stamp);

} // namespace clm
