#include "clm/percent_parser.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace clm {
namespace {

using nlohmann::json;

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r';
}

bool is_blank(std::string_view line) {
    for (char c : line) {
        if (!is_space(c)) {
            return false;
        }
    }
    return true;
}

std::string_view trim_left(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    return text;
}

/// The text up to the first whitespace, for quoting an offending token in a diagnostic.
std::string_view first_token(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && !is_space(text[end])) {
        ++end;
    }
    return text.substr(0, end);
}

std::string quoted(std::string_view text) {
    return '"' + std::string(text) + '"';
}

/// The text after `<comment> %%` (or `<comment>%%`) when `line` is a cell header.
std::optional<std::string_view> header_rest(std::string_view line, std::string_view comment) {
    if (!line.starts_with(comment)) {
        return std::nullopt;
    }
    std::string_view rest = line.substr(comment.size());
    if (rest.starts_with(' ')) {
        rest.remove_prefix(1);
    }
    if (!rest.starts_with("%%")) {
        return std::nullopt;
    }
    rest.remove_prefix(2);
    if (!rest.empty() && !is_space(rest.front())) {
        return std::nullopt;
    }
    return rest;
}

/// The length of the JSON value that starts `text`: a string up to its closing quote, an
/// array or object up to its balanced closing bracket, anything else up to whitespace.
/// Nothing when a string or bracket is not closed. Validity is left to the JSON parser.
std::optional<std::size_t> json_value_length(std::string_view text) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
                if (depth == 0) {
                    return i + 1;
                }
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            if (depth == 0 || --depth == 0) {
                return i + 1;
            }
        } else if (depth == 0 && is_space(c)) {
            return i;
        }
    }
    if (in_string || depth > 0) {
        return std::nullopt;
    }
    return text.size();
}

/// Stores one header attribute in `cell`; returns the diagnostic message when it is invalid.
std::optional<std::string> assign_attribute(std::string_view key, json value, Cell& cell) {
    if (key == "tags") {
        if (!value.is_array()) {
            return "tags must be an array of strings, found " + value.dump();
        }
        std::vector<std::string> tags;
        for (const json& tag : value) {
            if (!tag.is_string()) {
                return "tags must be an array of strings, found " + value.dump();
            }
            tags.push_back(tag.get<std::string>());
        }
        cell.tags = std::move(tags);
    } else if (key == "lang") {
        if (!value.is_string() || (value != "de" && value != "en")) {
            return "invalid lang " + value.dump() + "; expected \"de\" or \"en\"";
        }
        cell.lang = value.get<std::string>();
    } else {
        cell.metadata[std::string(key)] = std::move(value);
    }
    return std::nullopt;
}

/// Parses the `key=JSON` pair that starts `text` into `cell` and advances `text` past it.
std::optional<std::string> parse_attribute(std::string_view& text, Cell& cell) {
    const std::size_t equals = text.find('=');
    const std::string_view token = first_token(text);
    if (equals == 0 || equals >= token.size()) {
        return "expected key=value in cell header, found " + quoted(token);
    }
    const std::string_view key = text.substr(0, equals);
    const std::string_view rest = text.substr(equals + 1);
    const std::optional<std::size_t> length = json_value_length(rest);
    if (!length || *length == 0 || (*length < rest.size() && !is_space(rest[*length]))) {
        return "invalid JSON value for " + quoted(key) + ": " + std::string(first_token(rest));
    }
    const std::string_view value_text = rest.substr(0, *length);
    json value = json::parse(value_text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) {
        return "invalid JSON value for " + quoted(key) + ": " + std::string(value_text);
    }
    text = rest.substr(*length);
    return assign_attribute(key, std::move(value), cell);
}

/// Reads the optional `[type]` that follows `%%` and advances `text` past it.
std::optional<std::string> parse_cell_type(std::string_view& text, Cell& cell) {
    if (!text.starts_with('[')) {
        return std::nullopt;
    }
    const std::string_view token = first_token(text);
    if (token == "[markdown]" || token == "[md]") {
        cell.type = CellType::markdown;
    } else if (token == "[raw]") {
        cell.type = CellType::raw;
    } else {
        return "unknown cell type " + quoted(token) + "; expected [markdown], [md] or [raw]";
    }
    text.remove_prefix(token.size());
    return std::nullopt;
}

/// Fills the type and attributes of `cell` from the header text after `%%`.
std::optional<std::string> parse_header(std::string_view rest, Cell& cell) {
    rest = trim_left(rest);
    if (std::optional<std::string> error = parse_cell_type(rest, cell)) {
        return error;
    }
    for (rest = trim_left(rest); !rest.empty(); rest = trim_left(rest)) {
        if (std::optional<std::string> error = parse_attribute(rest, cell)) {
            return error;
        }
    }
    return std::nullopt;
}

/// `<comment> -*- coding: ... -*-`, which jupytext takes as notebook metadata, not content.
bool is_encoding_line(std::string_view line, std::string_view comment) {
    if (!line.starts_with(comment)) {
        return false;
    }
    const std::string_view rest = trim_left(line.substr(comment.size()));
    return rest.starts_with("-*- coding") && rest.find("-*-", 3) != std::string_view::npos;
}

/// Collects the cells of one deck line by line.
class CellCollector {
public:
    explicit CellCollector(std::string_view comment)
        : m_comment(comment) {}

    /// Starts a cell, finishing the current one.
    void start(Cell cell) {
        finish();
        m_cell = std::move(cell);
        m_open = true;
    }

    /// Adds a content line to the current cell, or to the leading cell before any header.
    void add_line(std::string_view line, int deck_line) {
        if (!m_open) {
            if (is_blank(line)) {
                return;
            }
            m_cell = Cell{};
            m_cell.line = deck_line;
            m_open = true;
        }
        if (m_has_line) {
            m_body += '\n';
        }
        m_has_line = true;
        m_body += m_cell.type == CellType::code ? line : uncomment(line);
        // Blank lines before the next header are layout; only text up to the last
        // non-blank line belongs to the cell.
        if (!is_blank(line)) {
            m_kept = m_body.size();
        }
    }

    std::vector<Cell> take_cells() {
        finish();
        return std::move(m_cells);
    }

private:
    std::string_view uncomment(std::string_view line) const {
        if (line.starts_with(m_comment)) {
            line.remove_prefix(m_comment.size());
            if (line.starts_with(' ')) {
                line.remove_prefix(1);
            }
        }
        return line;
    }

    void finish() {
        if (!m_open) {
            return;
        }
        m_body.resize(m_kept);
        m_cell.source = std::move(m_body);
        m_cells.push_back(std::move(m_cell));
        m_body.clear();
        m_kept = 0;
        m_has_line = false;
        m_open = false;
    }

    std::string_view m_comment;
    std::vector<Cell> m_cells;
    Cell m_cell;
    std::string m_body;
    std::size_t m_kept = 0;
    bool m_has_line = false;
    bool m_open = false;
};

/// The next line of `text` from `pos` without its "\n" or "\r\n"; advances `pos`.
std::string_view next_line(std::string_view text, std::size_t& pos) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (end < text.size() && line.ends_with('\r')) {
        line.remove_suffix(1);
    }
    return line;
}

} // namespace

Expected<std::vector<Cell>> parse_percent(const ExpandedDeck& deck, std::string_view comment,
                                          const std::string& file) {
    const std::string_view text = deck.text;
    CellCollector collector(comment);
    std::size_t pos = 0;
    for (std::size_t index = 0; pos < text.size(); ++index) {
        const std::string_view line = next_line(text, pos);
        const int deck_line = index < deck.source_lines.size() ? deck.source_lines[index]
                                                               : static_cast<int>(index) + 1;
        const std::optional<std::string_view> rest = header_rest(line, comment);
        if (!rest) {
            if (!(index == 0 && is_encoding_line(line, comment))) {
                collector.add_line(line, deck_line);
            }
            continue;
        }
        Cell cell;
        cell.line = deck_line;
        if (std::optional<std::string> error = parse_header(*rest, cell)) {
            return Diagnostic{file, deck_line, std::move(*error)};
        }
        collector.start(std::move(cell));
    }
    return collector.take_cells();
}

} // namespace clm
