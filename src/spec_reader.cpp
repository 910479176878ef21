#include "spec_reader.hpp"

#include <algorithm>
#include <optional>

#include "clm/language.hpp"

namespace clm::spec {
namespace {

constexpr std::string_view white_space = " \t\r\n";

bool is_text(pugi::xml_node node) {
    return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

std::string known_prog_langs() {
    std::string names;
    constexpr std::array<ProgLang, 5> langs = {ProgLang::python, ProgLang::cpp, ProgLang::csharp,
                                               ProgLang::java, ProgLang::typescript};
    for (std::size_t i = 0; i < langs.size(); ++i) {
        if (i > 0) {
            names += i + 1 == langs.size() ? " or " : ", ";
        }
        names += prog_lang_info(langs[i]).name;
    }
    return names;
}

} // namespace

LineTable::LineTable(std::string_view text) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            m_starts.push_back(i + 1);
        }
    }
}

int LineTable::line_of(std::ptrdiff_t offset) const {
    if (offset < 0) {
        return 0;
    }
    auto after =
        std::upper_bound(m_starts.begin(), m_starts.end(), static_cast<std::size_t>(offset));
    return static_cast<int>(after - m_starts.begin());
}

SpecReader::SpecReader(std::string_view text, std::string file)
    : m_lines(text)
    , m_file(std::move(file)) {}

void SpecReader::error(pugi::xml_node node, std::string message) {
    m_errors.push_back(Diagnostic{m_file, line(node), std::move(message)});
}

Bilingual SpecReader::bilingual(pugi::xml_node element) {
    std::optional<std::string> de;
    std::optional<std::string> en;
    for (pugi::xml_node child : element.children()) {
        if (child.type() != pugi::node_element) {
            continue;
        }
        std::string_view name = child.name();
        if (name == "de" || name == "en") {
            std::optional<std::string>& slot = name == "de" ? de : en;
            if (!slot) {
                slot = text_of(child);
            }
        } else {
            error(child, "unexpected <" + std::string(name) + "> in <" + element.name() +
                             ">; expected <de> or <en>");
        }
    }
    std::string text = text_of(element);
    if (!de && !en) {
        return Bilingual{text, text};
    }
    if (!text.empty()) {
        error(element, "text " + in_quotes(text) + " mixed with <de>/<en> in <" + element.name() +
                           ">; expected either plain text or <de> and <en>");
    }
    return Bilingual{de.value_or(en.value_or("")), en.value_or(de.value_or(""))};
}

std::string SpecReader::prog_lang(pugi::xml_node node, std::string_view value) {
    if (value.empty() || parse_prog_lang(value)) {
        return std::string(value);
    }
    error(node, "unknown prog-lang " + in_quotes(value) + "; expected " + known_prog_langs());
    return {};
}

std::string strip(std::string_view text) {
    std::size_t first = text.find_first_not_of(white_space);
    if (first == std::string_view::npos) {
        return {};
    }
    std::size_t last = text.find_last_not_of(white_space);
    return std::string(text.substr(first, last - first + 1));
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return result;
}

std::string in_quotes(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

namespace {

bool is_absolute(std::string_view path) {
    bool drive = path.size() >= 2 && path[1] == ':' &&
                 ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
    return path.starts_with('/') || path.starts_with('\\') || drive;
}

} // namespace

Expected<std::string> normalise_relative_path(std::string_view path, std::string_view what) {
    std::string named = std::string(what) + " " + in_quotes(path);
    if (is_absolute(path)) {
        return Diagnostic{
            {}, 0, named + " is absolute; expected a path relative to the course root"};
    }
    std::string result;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = std::min(path.find_first_of("/\\", start), path.size());
        std::string_view component = path.substr(start, end - start);
        if (component == "..") {
            return Diagnostic{{}, 0, named + " leaves the course root"};
        }
        if (!component.empty() && component != ".") {
            result += (result.empty() ? "" : "/") + std::string(component);
        }
        start = end + 1;
    }
    if (result.empty()) {
        return Diagnostic{{}, 0, named + " is the course root; expected a directory below it"};
    }
    return result;
}

std::string text_of(pugi::xml_node element) {
    std::string text;
    for (pugi::xml_node child : element.children()) {
        if (is_text(child)) {
            text += child.value();
        }
    }
    return strip(text);
}

} // namespace clm::spec
