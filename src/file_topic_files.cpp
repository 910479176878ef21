#include "clm/file_topic_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace clm {
namespace {

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// The relative path, or nothing when it is not a file below the module directory.
std::string below_module(std::string_view path) {
    if (path.empty() || path.find("://") != std::string_view::npos) {
        return {};
    }
    std::filesystem::path normal = std::filesystem::path(path).lexically_normal();
    if (normal.is_absolute() || normal.empty() || *normal.begin() == "..") {
        return {};
    }
    return normal.generic_string();
}

void add_images(std::string_view text, std::vector<std::string>& found) {
    for (std::size_t at = text.find("<img"); at != std::string_view::npos;
         at = text.find("<img", at + 1)) {
        std::size_t src = at + 4;
        std::size_t blanks = src;
        while (blanks < text.size() && std::isspace(static_cast<unsigned char>(text[blanks]))) {
            ++blanks;
        }
        if (blanks == src || text.substr(blanks, 5) != "src=\"") {
            continue;
        }
        std::size_t start = blanks + 5;
        std::size_t end = text.find('"', start);
        if (end != std::string_view::npos) {
            found.push_back(below_module(text.substr(start, end - start)));
        }
    }
}

// NAME of an "import NAME" or "from NAME import" line; empty for other lines.
std::string_view imported_module(std::string_view line) {
    line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
    for (std::string_view keyword : {"import ", "from "}) {
        if (line.starts_with(keyword)) {
            std::string_view rest = line.substr(keyword.size());
            rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
            std::size_t length = 0;
            while (length < rest.size() && is_name_char(rest[length])) {
                ++length;
            }
            return rest.substr(0, length);
        }
    }
    return {};
}

void add_imports(std::string_view text, ProgLang prog_lang, std::vector<std::string>& found) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view name = imported_module(text.substr(start, end - start));
        if (!name.empty()) {
            found.push_back(std::string(name) + std::string(prog_lang_info(prog_lang).extension));
        }
        start = end + 1;
    }
}

} // namespace

std::vector<std::string> file_topic_references(std::string_view deck_text, ProgLang prog_lang) {
    std::vector<std::string> found;
    add_images(deck_text, found);
    if (prog_lang == ProgLang::python) {
        add_imports(deck_text, prog_lang, found);
    }
    std::vector<std::string> result;
    for (std::string& path : found) {
        if (!path.empty() && std::find(result.begin(), result.end(), path) == result.end()) {
            result.push_back(std::move(path));
        }
    }
    return result;
}

} // namespace clm
