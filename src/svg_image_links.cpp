#include "clm/svg_image_links.hpp"

#include <cctype>

#include "clm/topic_file_role.hpp"

namespace clm {
namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

} // namespace

std::vector<std::string> diagram_stems(const TopicSource& topic) {
    std::vector<std::string> stems;
    for (const std::filesystem::path& file : topic.other_files) {
        TopicFileRole role = topic_file_role(file.lexically_relative(topic.path).generic_string());
        if (role == TopicFileRole::plantuml || role == TopicFileRole::drawio) {
            stems.push_back(file.stem().string());
        }
    }
    return stems;
}

std::string link_svg_renders(std::string_view text, const std::vector<std::string>& stems) {
    std::string result(text);
    for (const std::string& stem : stems) {
        std::string png = stem + ".png";
        for (std::size_t at = result.find(png); at != std::string::npos;
             at = result.find(png, at + png.size())) {
            std::size_t end = at + png.size();
            bool starts_name = at == 0 || !is_name_char(result[at - 1]);
            // A dot after the name ends it when no name character follows: "see flow.png."
            bool ends_name = end == result.size() || !is_name_char(result[end]) ||
                             (result[end] == '.' &&
                              (end + 1 == result.size() || !is_name_char(result[end + 1])));
            if (starts_name && ends_name) {
                result.replace(end - 3, 3, "svg");
            }
        }
    }
    return result;
}

} // namespace clm
