#include "clm/output_layout.hpp"

#include <algorithm>
#include <cstdio>

namespace clm {
namespace {

std::string_view trim(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    std::size_t last = text.find_last_not_of(blanks);
    return text.substr(first, last - first + 1);
}

bool is_replaced_by_underscore(char c) {
    return std::string_view("/\\$#%&<>*=^|").find(c) != std::string_view::npos;
}

bool is_removed(char c) {
    return std::string_view(";!?\"'`:").find(c) != std::string_view::npos;
}

std::string_view format_dir(Format format, ProgLang prog_lang) {
    switch (format) {
    case Format::html:
        return "Html";
    case Format::notebook:
        return "Notebooks";
    case Format::code:
        return prog_lang_info(prog_lang).code_dir;
    }
    return {};
}

std::string_view extension(Format format, ProgLang prog_lang) {
    switch (format) {
    case Format::html:
        return ".html";
    case Format::notebook:
        return ".ipynb";
    case Format::code:
        return prog_lang_info(prog_lang).extension;
    }
    return {};
}

std::string two_digit_number(int number) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d", number);
    return text;
}

} // namespace

std::string sanitize_file_name(std::string_view name) {
    std::string text;
    std::string_view trimmed = trim(name);
    text.reserve(trimmed.size() + 8);
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        char c = trimmed[i];
        if (c == 'C' && i + 1 < trimmed.size() && trimmed[i + 1] == '#') {
            text += "CSharp";
            ++i;
        } else if (c == '{' || c == '[') {
            text += '(';
        } else if (c == '}' || c == ']') {
            text += ')';
        } else if (is_replaced_by_underscore(c) || static_cast<unsigned char>(c) < 0x20) {
            text += '_';
        } else if (!is_removed(c)) {
            text += c;
        }
    }
    // "€" (U+20AC) is a path-unfriendly currency sign in the same class as '$'.
    for (std::size_t at = text.find("\xE2\x82\xAC"); at != std::string::npos;
         at = text.find("\xE2\x82\xAC", at)) {
        text.replace(at, 3, "_");
    }
    // A component of only dots and spaces ("", ".", "..") would name the directory itself
    // or its parent; replacing the dots keeps every output below its section.
    if (std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || c == ' '; })) {
        std::replace(text.begin(), text.end(), '.', '_');
        if (text.empty()) {
            text = "_";
        }
    }
    return text;
}

std::string course_dir_name(const CourseSpec& spec, Language language) {
    std::string base = spec.project_slug.empty() ? spec.name[language] : spec.project_slug;
    return sanitize_file_name(base) + "-" + std::string(language_code(language));
}

std::filesystem::path target_root(const OutputTargetSpec& target,
                                  const std::filesystem::path& course_root,
                                  const std::filesystem::path& output_dir) {
    if (!output_dir.empty()) {
        return output_dir / sanitize_file_name(target.name);
    }
    return course_root / target.path;
}

DeckPathParts deck_path_parts(const CourseSpec& spec, Language language, const Bilingual& section,
                              int number, const Bilingual& title) {
    DeckPathParts parts;
    parts.course_slides = course_dir_name(spec, language);
    parts.course_slides += language == Language::de ? "/Folien/" : "/Slides/";
    parts.section_file = '/';
    parts.section_file += sanitize_file_name(section[language]);
    parts.section_file += '/';
    parts.section_file += two_digit_number(number);
    parts.section_file += ' ';
    parts.section_file += sanitize_file_name(title[language]);
    return parts;
}

std::string output_relative_path(const DeckPathParts& parts, Format format, Kind kind,
                                 ProgLang prog_lang) {
    std::string path = parts.course_slides;
    path += format_dir(format, prog_lang);
    path += '/';
    path += kind_dir(kind);
    path += parts.section_file;
    path += extension(format, prog_lang);
    return path;
}

} // namespace clm
