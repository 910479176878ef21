// What an output shows (its kind) and how it is stored (its format).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace clm {

/// The audience variant of a deck; each kind keeps and blanks different cells.
enum class Kind { code_along, completed, trainer, recording, partial };

inline constexpr std::array<Kind, 5> all_kinds = {Kind::code_along, Kind::completed, Kind::trainer,
                                                  Kind::recording, Kind::partial};

/// The spec name: "code-along", "completed", ...
std::string_view kind_name(Kind kind);
/// Accepts the spec names; "speaker" is not accepted here (the spec parser rewrites it).
std::optional<Kind> parse_kind(std::string_view name);
/// The output directory: "Code-Along", "Completed", "Trainer", "Recording", "Partial".
std::string_view kind_dir(Kind kind);

/// How an output is stored.
enum class Format { html, notebook, code };

inline constexpr std::array<Format, 3> all_formats = {Format::html, Format::notebook, Format::code};

std::string_view format_name(Format format);
std::optional<Format> parse_format(std::string_view name);

} // namespace clm
