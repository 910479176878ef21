// The file format in which diagrams are rendered.
#pragma once

#include <optional>
#include <string_view>

namespace clm {

enum class ImageFormat { png, svg };

/// "png" or "svg": the name in specs and on the command line, and the file extension
/// without its dot.
std::string_view image_format_name(ImageFormat format);
std::optional<ImageFormat> parse_image_format(std::string_view name);

} // namespace clm
