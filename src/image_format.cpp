#include "clm/image_format.hpp"

namespace clm {

std::string_view image_format_name(ImageFormat format) {
    return format == ImageFormat::svg ? "svg" : "png";
}

std::optional<ImageFormat> parse_image_format(std::string_view name) {
    if (name == "png") {
        return ImageFormat::png;
    }
    if (name == "svg") {
        return ImageFormat::svg;
    }
    return std::nullopt;
}

} // namespace clm
