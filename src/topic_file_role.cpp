#include "clm/topic_file_role.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace clm {
namespace {

std::vector<std::string_view> components(std::string_view relative) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= relative.size()) {
        std::size_t end = std::min(relative.find('/', start), relative.size());
        parts.push_back(relative.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> endings) {
    for (std::string_view ending : endings) {
        if (name.ends_with(ending)) {
            return true;
        }
    }
    return false;
}

// Voiceover companions hold narration that is merged into their deck, not course material.
bool is_voiceover_companion(std::string_view name) {
    return name.starts_with("voiceover_") &&
           ends_with_any(name, {".py", ".cs", ".cpp", ".cxx", ".cc", ".java", ".ts", ".rs"});
}

} // namespace

bool is_never_shipped(std::string_view relative) {
    std::vector<std::string_view> parts = components(relative);
    std::string_view name = parts.back();
    parts.pop_back();
    for (std::string_view directory : parts) {
        if (directory == "pu" || directory == "drawio" || directory == "cassettes" ||
            directory == "_cassettes") {
            return true;
        }
    }
    return name.find(".http-cassette.yaml") != std::string_view::npos ||
           is_voiceover_companion(name);
}

TopicFileRole topic_file_role(std::string_view relative) {
    std::string_view name = components(relative).back();
    if (ends_with_any(name, {".pu", ".puml", ".plantuml"})) {
        return TopicFileRole::plantuml;
    }
    if (name.ends_with(".drawio")) {
        return TopicFileRole::drawio;
    }
    return is_never_shipped(relative) ? TopicFileRole::never_shipped : TopicFileRole::shipped;
}

bool is_generated_render(std::string_view relative) {
    std::vector<std::string_view> parts = components(relative);
    if (!parts.empty()) {
        parts.pop_back(); // the file's own name
    }
    return std::find(parts.begin(), parts.end(), "img-generated") != parts.end();
}

std::string shipped_path(std::string_view relative) {
    std::string path;
    std::vector<std::string_view> parts = components(relative);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        bool is_directory = i + 1 < parts.size();
        path += i == 0 ? "" : "/";
        path += is_directory && parts[i] == "img-generated" ? "img" : parts[i];
    }
    return path;
}

} // namespace clm
