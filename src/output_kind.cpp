#include "clm/output_kind.hpp"

namespace clm {
namespace {

constexpr std::array<std::string_view, 5> kind_names = {"code-along", "completed", "trainer",
                                                        "recording", "partial"};
constexpr std::array<std::string_view, 5> kind_dirs = {"Code-Along", "Completed", "Trainer",
                                                       "Recording", "Partial"};
constexpr std::array<std::string_view, 3> format_names = {"html", "notebook", "code"};

} // namespace

std::string_view kind_name(Kind kind) {
    return kind_names[static_cast<std::size_t>(kind)];
}

std::string_view kind_dir(Kind kind) {
    return kind_dirs[static_cast<std::size_t>(kind)];
}

std::optional<Kind> parse_kind(std::string_view name) {
    for (Kind kind : all_kinds) {
        if (kind_name(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

std::string_view format_name(Format format) {
    return format_names[static_cast<std::size_t>(format)];
}

std::optional<Format> parse_format(std::string_view name) {
    for (Format format : all_formats) {
        if (format_name(format) == name) {
            return format;
        }
    }
    return std::nullopt;
}

} // namespace clm
